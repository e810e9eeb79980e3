import { formatTime } from './query-format';
import type { IncidentView } from './query-views';
import { renderTextTable, TABLE_WIDTH, truncate, type TextColumn } from './text-table';

/**
 * Incidents, most recently updated first: one row each, then, indented below it, when it opened
 * (and resolved) and its evidence, the sentence the alerter wrote (e.g. "income: Wasserstein
 * 0.4 ≥ 0.1 (critical)"). The status column only when the list mixes open and resolved ones.
 */
export function renderIncidents(incidents: readonly IncidentView[], options: { status: 'open' | 'resolved' | 'all'; more: boolean; limit: number }): string {
  if (incidents.length === 0) return `no ${options.status === 'all' ? '' : `${options.status} `}incident\n`;
  const withStatus = options.status === 'all';
  const columns: TextColumn[] = [
    { header: 'severity' },
    ...(withStatus ? [{ header: 'status' }] : []),
    { header: 'model', shrink: 1, min: 10 },
    { header: 'version', shrink: 1, min: 4 },
    { header: 'kind', shrink: 2, min: 12 },
    { header: 'feature', shrink: 1, min: 8 },
  ];
  const rows = incidents.map((i) => [i.severity, ...(withStatus ? [i.status] : []), i.modelId, i.modelVersion, i.kind, i.feature ?? '-']);
  const [header, rule, ...lines] = renderTextTable(columns, rows);
  const out = [header, rule];
  lines.forEach((line, n) => {
    const i = incidents[n];
    const when = `opened ${formatTime(i.openedAt)}${i.resolvedAt === null ? '' : `, resolved ${formatTime(i.resolvedAt)}`}`;
    out.push(line, truncate(`    ${when}: ${i.evidence.message}`, TABLE_WIDTH));
  });
  if (options.more) out.push('', `the ${options.limit} most recently updated; more with --limit`);
  return `${out.join('\n')}\n`;
}
