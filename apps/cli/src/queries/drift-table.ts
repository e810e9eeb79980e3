import { isDriftMethod, isPValueMethod } from '@driftwatch/stats';
import { formatRange, formatScore, formatTime } from './query-format';
import type { DriftEvaluationView, FeatureDriftView } from './query-views';
import { renderTextTable, TABLE_WIDTH, truncate, type TextColumn } from './text-table';

const COLUMNS: TextColumn[] = [
  { header: 'feature', shrink: 1, min: 8 },
  { header: 'kind' },
  { header: 'method', shrink: 2, min: 6 },
  { header: 'score', align: 'right' },
  { header: 'threshold', align: 'right' },
  { header: 'decision' },
];

const KIND: Record<string, string> = { numeric: 'num', categorical: 'cat', boolean: 'bool' };
const SEVERITY_RANK: Record<string, number> = { critical: 2, warning: 1 };

/**
 * How far a feature is past (or short of) its threshold, comparable across methods: a distance
 * over its threshold, a p-value's threshold over it (small p-values are drift). Above 1 drifts.
 */
export function driftRatio(f: FeatureDriftView): number {
  const { method, value, threshold } = f.drift;
  // null: infinite or not computable; a drifted one is infinitely far, an undecided one last.
  if (value === null) return f.drift.detected ? Number.POSITIVE_INFINITY : -1;
  const pValue = isDriftMethod(method) && isPValueMethod(method);
  if (pValue) return value === 0 ? Number.POSITIVE_INFINITY : threshold / value;
  return threshold === 0 ? value : value / threshold;
}

/** Drifted first (critical before warning), then by how far past the threshold, then by name. */
export function sortByDrift(features: readonly FeatureDriftView[]): FeatureDriftView[] {
  return [...features].sort(
    (a, b) =>
      Number(b.drift.detected) - Number(a.drift.detected) ||
      (SEVERITY_RANK[b.drift.severity ?? ''] ?? 0) - (SEVERITY_RANK[a.drift.severity ?? ''] ?? 0) ||
      driftRatio(b) - driftRatio(a) ||
      a.name.localeCompare(b.name),
  );
}

/** The latest judged window of a model: which one, the dataset verdict, the features by drift, the findings. */
export function renderDrift(modelId: string, e: DriftEvaluationView): string {
  const drifted = e.features.filter((f) => f.drift.detected).length;
  const rows = sortByDrift(e.features).map((f) => [
    f.name,
    KIND[f.kind] ?? f.kind,
    f.drift.method,
    formatScore(f.drift.value),
    formatScore(f.drift.threshold),
    f.drift.detected ? `DRIFT ${f.drift.severity ?? ''}`.trim() : 'ok',
  ]);
  const heading = [
    `drift of ${modelId} version ${e.modelVersion}, window ${formatRange(e.windowStart, e.windowEnd)}`,
    `${e.eventCount} events, judged ${formatTime(e.evaluatedAt)}, baseline ${e.baselineId ?? '-'}`,
    `dataset drift: ${e.dataset.detected ? 'DETECTED' : 'not detected'} (${drifted} of ${e.features.length} features drifted, share ${formatScore(e.dataset.driftShare)} ${e.dataset.detected ? '≥' : '<'} ${formatScore(e.dataset.threshold)})`,
  ];
  const lines = [
    ...heading.map((line) => truncate(line, TABLE_WIDTH)),
    '',
    ...renderTextTable(COLUMNS, rows),
  ];
  if (e.findings.length > 0) lines.push('', 'findings:', ...e.findings.map((f) => truncate(`  ${f.message}`, TABLE_WIDTH)));
  return `${lines.join('\n')}\n`;
}
