import { isSaturatedSum } from '@driftwatch/stats';
import type { Baseline, BaselineFeature, EvaluationReference, FeatureHistogram, WindowAggregate } from '@driftwatch/contracts';
import type { Policy } from '../policy/policy.types';

/** The span `lagSeconds` before a window (or rollup bucket), start inclusive, end exclusive. */
export function laggedSpan(windowStart: number, windowEnd: number, policy: Policy): { from: number; to: number } {
  const lag = policy.reference.lagSeconds * 1000;
  return { from: windowStart - lag, to: windowEnd - lag };
}

export interface LaggedChoice {
  /** The baseline-shaped reference built from the lagged span; null: the baseline judges. */
  reference: Baseline | null;
  /** What the evaluation says about it. */
  said: EvaluationReference;
}

/**
 * Whether the lagged span can judge: it must hold at least `reference.minEvents` events binned
 * on this baseline (other edges cannot be compared bin by bin), otherwise the baseline judges
 * and the evaluation says so, with the span it looked at.
 */
export function chooseLaggedReference(baseline: Baseline, lagged: WindowAggregate | null, span: { from: number; to: number }, policy: Policy): LaggedChoice {
  const binned = lagged?.features.filter((h) => h.baselineId === baseline.baselineId) ?? [];
  const eventCount = lagged && binned.length > 0 ? lagged.eventCount : 0;
  const where = { from: span.from, to: span.to, eventCount };
  if (policy.reference.mode === 'baseline' || !lagged || eventCount < policy.reference.minEvents) return { reference: null, said: { kind: 'baseline', ...where } };
  return { reference: laggedBaseline(baseline, lagged), said: { kind: policy.reference.mode, ...where } };
}

/**
 * The stored windows of a lagged span as a baseline evaluateWindow can judge against: each
 * feature's summed histogram on the baseline's edges, its row count the span's events (so the
 * calibration draws clean windows of the right size from it). Importance and the spread that
 * scales Wasserstein stay the baseline's, so a threshold means the same against either
 * reference. A feature the span never saw gets empty counts: no decision, not drift.
 */
export function laggedBaseline(baseline: Baseline, lagged: WindowAggregate): Baseline {
  const byName = new Map(lagged.features.filter((h) => h.baselineId === baseline.baselineId).map((h) => [h.feature, h]));
  return {
    ...baseline,
    rowCount: lagged.eventCount,
    source: `windows:${new Date(lagged.windowStart).toISOString()}..${new Date(lagged.windowEnd).toISOString()}`,
    features: baseline.features.map((b) => laggedFeature(b, byName.get(b.name))),
    performance: undefined,
  };
}

function laggedFeature(b: BaselineFeature, h: FeatureHistogram | undefined): BaselineFeature {
  const numeric = b.kind === 'numeric';
  const bins = h && h.bins.length === b.edges.length + 1 ? h.bins : null;
  const fine = h && (b.fineEdges?.length ?? 0) > 0 && h.fineBins.length === (b.fineEdges?.length ?? 0) + 1 ? h.fineBins : null;
  // Bins that do not fit the edges are not comparable: the feature is left undecided.
  const count = !h || (numeric && !bins) ? 0 : h.count;
  const mean = h && count > 0 && numeric && !isSaturatedSum(h.sum) ? h.sum / count : null;
  return {
    name: b.name,
    kind: b.kind,
    edges: b.edges,
    binCounts: numeric ? (bins ?? b.edges.map(() => 0).concat(0)) : [],
    ...(b.fineEdges ? { fineEdges: b.fineEdges, fineCounts: fine ?? [] } : {}),
    categories: numeric ? {} : { ...(h?.categories ?? {}) },
    count,
    missing: h?.missing ?? 0,
    min: numeric && count > 0 ? (h?.min ?? null) : null,
    max: numeric && count > 0 ? (h?.max ?? null) : null,
    mean,
    std: b.std,
    median: null,
    importance: b.importance,
  };
}
