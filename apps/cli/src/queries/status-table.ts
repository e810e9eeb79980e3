import { formatTime } from './query-format';
import type { IncidentView, ModelView } from './query-views';
import { renderTextTable, type TextColumn } from './text-table';

export interface StatusData {
  models: ModelView[];
  openIncidents: IncidentView[];
}

const COLUMNS: TextColumn[] = [
  { header: 'model', shrink: 1, min: 10 },
  { header: 'version', shrink: 1, min: 4 },
  { header: 'windows', align: 'right' },
  { header: 'last window end', shrink: 2, min: 10 },
  { header: 'baseline' },
  { header: 'critical', align: 'right' },
  { header: 'warning', align: 'right' },
];

/**
 * One row per model version: its windows, when its last window ended, whether it has a
 * baseline (without one nothing is judged), and its open incidents by severity; then the totals.
 */
export function renderStatus(data: StatusData): string {
  if (data.models.length === 0 && data.openIncidents.length === 0) {
    return 'no model yet: send events (driftwatch simulate) or store a baseline (driftwatch baseline create)\n';
  }
  const open = new Map<string, Record<string, number>>();
  for (const i of data.openIncidents) {
    const key = versionKey(i.modelId, i.modelVersion);
    const counts = open.get(key) ?? {};
    counts[i.severity] = (counts[i.severity] ?? 0) + 1;
    open.set(key, counts);
  }
  const rows: string[][] = [];
  const shown = new Set<string>();
  const countCells = (key: string) => {
    const c = open.get(key) ?? {};
    return [String(c.critical ?? 0), String(c.warning ?? 0)];
  };
  for (const m of data.models) {
    if (m.versions.length === 0) rows.push([m.modelId, '-', '0', '-', 'no', '0', '0']);
    for (const v of m.versions) {
      const key = versionKey(m.modelId, v.modelVersion);
      shown.add(key);
      rows.push([m.modelId, v.modelVersion, String(v.windowCount), formatTime(v.lastWindowEnd), v.hasBaseline ? 'yes' : 'no', ...countCells(key)]);
    }
  }
  // Versions beyond the catalog's 100 per model, or of models it no longer lists, still have their incidents shown.
  for (const i of data.openIncidents) {
    const key = versionKey(i.modelId, i.modelVersion);
    if (shown.has(key)) continue;
    shown.add(key);
    rows.push([i.modelId, i.modelVersion, '?', '?', '?', ...countCells(key)]);
  }
  const versions = data.models.reduce((n, m) => n + m.versionCount, 0);
  const bySeverity = ['critical', 'warning']
    .map((s) => [s, data.openIncidents.filter((i) => i.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const totals = `${data.models.length} model(s), ${versions} version(s); open incidents: ${bySeverity.length === 0 ? 'none' : bySeverity.join(', ')}`;
  return [...renderTextTable(COLUMNS, rows), '', totals, ''].join('\n');
}

function versionKey(model: string, version: string): string {
  return `${model}\u0000${version}`;
}
