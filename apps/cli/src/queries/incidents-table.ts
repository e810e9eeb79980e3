import { formatTime } from './query-format';
import type { IncidentView } from './query-views';
import { renderTextTable, TABLE_WIDTH, truncate, type TextColumn } from './text-table';

/**
 * Incidents, most recently updated first, one row each with its evidence (the sentence the
 * alerter wrote, e.g. "income: PSI 0.31 ≥ 0.25 (critical)") indented below. The status column
 * only when the list mixes open and resolved ones.
 */
export function renderIncidents(incidents: readonly IncidentView[], options: { status: 'open' | 'resolved' | 'all'; more: boolean; limit: number }): string {
  if (incidents.length === 0) return `no ${options.status === 'all' ? '' : `${options.status} `}incident\n`;
  const withStatus = options.status === 'all';
  const columns: TextColumn[] = [
    { header: options.status === 'resolved' ? 'resolved' : 'opened' },
    { header: 'model', shrink: true, min: 8 },
    { header: 'version', shrink: true, min: 4 },
    { header: 'kind', shrink: true, min: 10 },
    { header: 'feature', shrink: true, min: 8 },
    { header: 'severity' },
    ...(withStatus ? [{ header: 'status' }] : []),
  ];
  const rows = incidents.map((i) => [
    formatTime(options.status === 'resolved' ? i.resolvedAt : i.openedAt),
    i.modelId,
    i.modelVersion,
    i.kind,
    i.feature ?? '-',
    i.severity,
    ...(withStatus ? [i.status] : []),
  ]);
  const [header, rule, ...lines] = renderTextTable(columns, rows);
  const out = [header, rule];
  lines.forEach((line, n) => out.push(line, truncate(`    ${incidents[n].evidence.message}`, TABLE_WIDTH)));
  if (options.more) out.push('', `the ${options.limit} most recently updated; more with --limit`);
  return `${out.join('\n')}\n`;
}
