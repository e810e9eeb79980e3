import type { Baseline, FeatureHistogram } from '@driftwatch/contracts';
import {
  hellinger,
  jensenShannon,
  kullbackLeibler,
  perFeatureAlpha,
  psi,
  totalVariation,
  wassersteinFromHistogram,
  WASSERSTEIN_MIN_STD,
  type Calibration,
} from '@driftwatch/stats';
import type { Policy, StreamingMethod } from '../policy/policy.types';

type BaselineFeature = Baseline['features'][number];
type NullModel = Omit<NonNullable<Calibration['null']>, 'key' | 'n' | 'value'> & {
  /** The window's distance as the null draws it (the baseline's range closing the outer bins); absent: the reported value. */
  windowValue?: (h: FeatureHistogram) => number | null;
};

const HISTOGRAM_DISTANCES = { psi, jensenShannon, kullbackLeibler, hellinger, totalVariation } as const;

/**
 * The per-feature, per-window false-alarm level for this window or rollup bucket: the policy's
 * target (drift.falseAlarmRate per 30 days) over windows of this length, alerting.openAfter
 * and the judged features (perFeatureAlpha); null when the policy turns calibration off. With the rollup on, minute windows and hourly
 * buckets both open incidents, so each gets half the target.
 */
export function driftAlpha(policy: Policy, windowMs: number, features: number): number | null {
  if (policy.drift.falseAlarmRate === null) return null;
  return perFeatureAlpha({
    falseAlarmsPer30Days: policy.drift.falseAlarmRate,
    windowMs: Math.max(1, windowMs),
    features,
    openAfter: policy.alerting.openAfter,
    share: policy.rollup.enabled ? 0.5 : 1,
  });
}

/**
 * How the decision's distance is computed from the baseline's side, for drawing it under the
 * null: the same grid and conventions as histogram-metrics.ts (the baseline's bins for the
 * histogram distances of a numeric feature, its fine grid for Wasserstein with the outer bins
 * closed at the baseline's min and max, its categories plus the unseen bucket). null: the
 * method is a p-value, or the baseline has no grid to resample.
 */
export function nullModel(b: BaselineFeature, method: StreamingMethod): NullModel | null {
  if (method === 'wasserstein') return wassersteinModel(b);
  if (!(method in HISTOGRAM_DISTANCES)) return null;
  const distance = HISTOGRAM_DISTANCES[method as keyof typeof HISTOGRAM_DISTANCES];
  const reference =
    b.kind === 'numeric'
      ? b.binCounts
      : [
          ...Object.keys(b.categories)
            .filter((c) => b.categories[c] > 0)
            .sort()
            .map((c) => b.categories[c]),
          0,
        ];
  if (reference.length === 0) return null;
  return { reference, distance };
}

function wassersteinModel(b: BaselineFeature): NullModel | null {
  const fine = (b.fineEdges?.length ?? 0) > 0 && b.fineCounts?.length === (b.fineEdges?.length ?? 0) + 1;
  const edges = fine ? (b.fineEdges as number[]) : b.edges;
  const reference = fine ? (b.fineCounts as number[]) : b.binCounts;
  if (edges.length === 0 || reference.length !== edges.length + 1) return null;
  const lo = b.min ?? edges[0];
  const hi = b.max ?? edges[edges.length - 1];
  const scale = Math.max(b.std ?? 0, WASSERSTEIN_MIN_STD);
  // Bin midpoints as wassersteinFromHistogram places the mass, the outer bins closed at lo / hi.
  const mids = reference.map((_, i) => ((i === 0 ? Math.min(lo, edges[0]) : edges[i - 1]) + (i === edges.length ? Math.max(hi, edges[i - 1]) : edges[i])) / 2);
  const mean = (c: ArrayLike<number>) => {
    let n = 0;
    let s = 0;
    for (let i = 0; i < c.length; i++) {
      n += c[i];
      s += c[i] * mids[i];
    }
    return n > 0 ? s / n : 0;
  };
  const distance = (ref: ArrayLike<number>, cur: ArrayLike<number>) => wassersteinFromHistogram(edges, ref, cur, lo, hi) / scale;
  return {
    reference,
    distance,
    linear: (ref, cur) => (mean(cur) - mean(ref)) / scale,
    windowValue: (h) => {
      const cur = fine ? h.fineBins : h.bins;
      if (cur.length !== reference.length || cur.reduce((s, c) => s + c, 0) === 0) return null;
      const v = distance(reference, cur);
      return Number.isFinite(v) ? v : null;
    },
  };
}
