import { isSaturatedSum } from '@driftwatch/stats';
import type { Baseline, FeatureHistogram, FeatureSideSummary } from '@driftwatch/contracts';
import { finiteOrNull } from './finite.util';

type BaselineFeature = Baseline['features'][number];

/** Categories shown as evidence: enough to see what moved, bounded for the message size. */
const TOP_CATEGORIES = 10;

export function baselineSummary(b: BaselineFeature): FeatureSideSummary {
  const total = b.count + b.missing;
  const summary: FeatureSideSummary = { count: b.count, missingRate: total > 0 ? b.missing / total : 0 };
  if (b.kind === 'numeric') {
    summary.min = b.min;
    summary.max = b.max;
    summary.mean = b.mean;
    summary.median = b.median;
  } else {
    summary.topCategories = topShares(b.categories, b.count);
  }
  return summary;
}

export function windowSummary(kind: BaselineFeature['kind'] | 'unknown', h: FeatureHistogram): FeatureSideSummary {
  const total = observations(h);
  const summary: FeatureSideSummary = { count: h.count, missingRate: total > 0 ? h.missing / total : 0, typeErrors: h.typeErrors };
  if (kind === 'numeric' || kind === 'unknown') {
    summary.min = h.min;
    summary.max = h.max;
    summary.mean = h.count > 0 && h.min !== null && !isSaturatedSum(h.sum) ? finiteOrNull(h.sum / h.count) : null;
  }
  if (kind !== 'numeric' && kind !== 'unknown') summary.topCategories = topShares(h.categories, h.count);
  return summary;
}

/** Every observation of the feature in the window: binned, missing and wrongly typed. */
export function observations(h: FeatureHistogram): number {
  return h.count + h.missing + h.typeErrors;
}

function topShares(categories: Readonly<Record<string, number>>, count: number): Record<string, number> {
  const out: Record<string, number> = {};
  if (count <= 0) return out;
  const sorted = Object.entries(categories)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_CATEGORIES);
  for (const [c, n] of sorted) out[c] = n / count;
  return out;
}
