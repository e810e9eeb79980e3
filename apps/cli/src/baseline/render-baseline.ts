import type { BaselineSummaryView, BaselineView } from './baseline-views';

/** A baseline for people: where it came from, then one row per feature. */
export function renderBaseline(b: BaselineView, heading: string): string {
  const header = ['feature', 'kind', 'values', 'missing', 'bins / categories', 'min', 'median', 'max', 'importance'];
  const rows = b.features.map((f) => [
    f.name,
    f.kind,
    String(f.count),
    String(f.missing),
    f.kind === 'numeric' ? `${f.edges.length + 1} bins` : `${Object.keys(f.categories).length} categories`,
    num(f.min),
    num(f.median),
    num(f.max),
    num(f.importance),
  ]);
  const samples = b.samples ? `, from ${b.samples.used} stored events${b.samples.used < b.samples.available ? ` (of ${b.samples.available})` : ''}` : '';
  const p = b.performance;
  const performance =
    p === undefined
      ? []
      : [
          `performance (${p.task}${p.positiveClass === null ? '' : `, positive class ${p.positiveClass}`}, ${p.labelled} labelled): ` +
            Object.entries(p.metrics)
              .map(([name, v]) => `${name} ${num(v)}`)
              .join(', '),
        ];
  return [
    `${heading} ${b.baselineId} of model ${b.modelId} version ${b.modelVersion}`,
    `created ${b.createdAt}, ${b.rowCount} rows, ${b.features.length} features, source ${b.source}${samples}`,
    ...performance,
    '',
    ...table(header, rows),
    '',
  ].join('\n');
}

export function renderBaselineList(list: BaselineSummaryView[], model: string): string {
  if (list.length === 0) return `model ${model} has no baseline\n`;
  const header = ['baseline', 'version', 'created', 'rows', 'features', 'source', 'active'];
  const rows = list.map((b) => [b.baselineId, b.modelVersion, b.createdAt, String(b.rowCount), String(b.featureCount), b.source, b.active ? 'yes' : '']);
  return [...table(header, rows), ''].join('\n');
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function num(v: number | null): string {
  if (v === null) return '-';
  return Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+$/, '').replace(/\.?0+e/, 'e');
}
