import type { FeatureComparison } from '@driftwatch/stats';
import type { CompareReport } from './compare-report';

const HEADERS = ['feature', 'kind', 'missing ref → cur', 'type errors ref → cur', 'out of range / new', 'method', 'value', 'threshold', 'drift'];

/** The human-readable report: one row per feature, then the dataset verdict. */
export function renderTable(report: CompareReport): string {
  const rows = report.features.map(featureRow);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const d = report.datasetDrift;
  return [
    `rows: reference ${report.rows.reference}, current ${report.rows.current}`,
    '',
    line(HEADERS),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `dataset drift: ${d.detected ? 'DETECTED' : 'not detected'} ` +
      `(${d.drifted} of ${d.features} features drifted, share ${formatNumber(d.share)}, threshold ${formatNumber(d.threshold)})`,
    '',
  ].join('\n');
}

function featureRow(f: FeatureComparison): string[] {
  const drift = f.drift;
  let valueNote = formatNumber(drift.value);
  if (drift.correction !== undefined) valueNote += ` (${drift.correction})`;
  return [
    f.name,
    f.kind,
    `${percent(f.missing.reference)} → ${percent(f.missing.current)}`,
    `${f.typeErrors.reference} → ${f.typeErrors.current}`,
    f.kind === 'numeric' ? (f.outOfRange === null || f.outOfRange === undefined ? '-' : percent(f.outOfRange)) : newCategories(f),
    drift.method,
    f.metrics === null ? `- (${f.reason ?? 'no data'})` : valueNote,
    formatNumber(drift.threshold),
    drift.detected ? 'DRIFT' : 'ok',
  ];
}

function newCategories(f: FeatureComparison): string {
  const entries = Object.entries(f.newCategories ?? {});
  if (entries.length === 0) return '-';
  const shown = entries.slice(0, 3).map(([k, n]) => `${k} (${n})`).join(', ');
  return entries.length > 3 ? `${shown}, +${entries.length - 3} more` : shown;
}

/** A share as people write it: 0.05%, 1.25%, 12.3%; `<0.01%` and `>99.99%` rather than rounding to 0 or 100. */
export function percent(share: number): string {
  if (share === 0 || share === 1) return `${share * 100}%`;
  const p = share * 100;
  if (p < 0.01) return '<0.01%';
  if (p > 99.99) return '>99.99%';
  return `${p < 1 ? Number(p.toFixed(2)) : Number(p.toPrecision(3))}%`;
}

/** Short display form: 4 significant digits, exponent for tiny values, '-' for none, 'inf' for infinity. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '-';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}
