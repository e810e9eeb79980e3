import { isSaturatedSum } from '@driftwatch/stats';
import type { Baseline, FeatureHistogram } from '@driftwatch/contracts';
import {
  chiSquare,
  hellinger,
  jensenShannon,
  kullbackLeibler,
  psi,
  totalVariation,
  twoProportionZ,
  wassersteinFromHistogram,
  WASSERSTEIN_MIN_STD,
} from '@driftwatch/stats';
import { binnedKs } from './binned-ks';
import { finiteOrNull } from './finite.util';

type BaselineFeature = Baseline['features'][number];

/** Metric name to value (null: infinite or not computable). Decision values are in here too. */
export type Metrics = Record<string, number | null>;

function distances(ref: readonly number[], cur: readonly number[]): Metrics {
  const empty = sum(ref) === 0 || sum(cur) === 0;
  const of = (f: (p: readonly number[], q: readonly number[]) => number) => (empty ? null : finiteOrNull(f(ref, cur)));
  return {
    psi: of(psi),
    jensenShannon: of(jensenShannon),
    kullbackLeibler: of(kullbackLeibler),
    hellinger: of(hellinger),
    totalVariation: of(totalVariation),
  };
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/** The histograms KS and Wasserstein use: the fine grid when both sides have it, else the baseline bins. */
export function cdfGrid(b: BaselineFeature, h: FeatureHistogram): { edges: readonly number[]; ref: readonly number[]; cur: readonly number[]; grid: 'fine' | 'bins' } {
  const fineEdges = b.fineEdges ?? [];
  const fineCounts = b.fineCounts ?? [];
  if (fineEdges.length > 0 && fineCounts.length === fineEdges.length + 1 && h.fineBins.length === fineCounts.length) {
    return { edges: fineEdges, ref: fineCounts, cur: h.fineBins, grid: 'fine' };
  }
  return { edges: b.edges, ref: b.binCounts, cur: h.bins, grid: 'bins' };
}

/**
 * Numeric feature: the histogram distances on the baseline's bins (exact under the conventions
 * of docs/architecture.md, the bins being the baseline's), and from the fine grid (or the bins
 * when the window has no fine counts) the binned KS (see binnedKs) and the normalised
 * Wasserstein with each bin's mass at its midpoint, the outer bins closed by the smallest and
 * largest value seen on either side (wassersteinFromHistogram). Closing the outer bins at a
 * width fixed by the baseline instead was measured and rejected: quieter on heavy tails only
 * by ignoring the tail, it misses spread changes there and caps shifts beyond the baseline's
 * range (README "Closing the outer bins", scripts/compare_histogram_wasserstein.py).
 * `meanRatio` = window mean / baseline mean, only when both have the same sign and the
 * baseline mean is at least a tenth of a standard deviation away from 0 (a ratio of means near
 * 0 says nothing about units).
 */
export function numericMetrics(b: BaselineFeature, h: FeatureHistogram): { metrics: Metrics; grid: 'fine' | 'bins' | null } {
  if (h.bins.length !== b.binCounts.length) return { metrics: {}, grid: null };
  const metrics = distances(b.binCounts, h.bins);
  const { edges, ref, cur, grid } = cdfGrid(b, h);
  const ks = binnedKs(ref, cur);
  metrics.ks = finiteOrNull(ks.statistic);
  metrics.ksPValue = finiteOrNull(ks.pValue);
  metrics.wasserstein = null;
  if (sum(ref) > 0 && sum(cur) > 0 && edges.length > 0) {
    const { lo, hi } = outerBounds(b, h, edges);
    const raw = wassersteinFromHistogram(edges, ref, cur, lo, hi);
    metrics.wasserstein = finiteOrNull(raw / wassersteinScale(b));
  }
  metrics.meanRatio = meanRatio(b, h);
  return { metrics, grid };
}

/** Where the outer bins are closed for Wasserstein: the smallest and largest value seen on either side. */
export function outerBounds(b: BaselineFeature, h: FeatureHistogram, edges: readonly number[]): { lo: number; hi: number } {
  const lo = Math.min(b.min ?? Infinity, h.min ?? Infinity);
  const hi = Math.max(b.max ?? -Infinity, h.max ?? -Infinity);
  return { lo: Number.isFinite(lo) ? lo : edges[0], hi: Number.isFinite(hi) ? hi : edges[edges.length - 1] };
}

/** The spread the raw Wasserstein is divided by. */
export function wassersteinScale(b: BaselineFeature): number {
  return Math.max(b.std ?? 0, WASSERSTEIN_MIN_STD);
}

function meanRatio(b: BaselineFeature, h: FeatureHistogram): number | null {
  if (h.count === 0 || b.mean === null || b.mean === 0 || isSaturatedSum(h.sum)) return null;
  const mean = h.sum / h.count;
  if (Math.abs(b.mean) < 0.1 * (b.std ?? 0)) return null;
  const ratio = mean / b.mean;
  return ratio > 0 ? finiteOrNull(ratio) : null;
}

/**
 * Categorical or boolean feature: the distances on the baseline's categories (sorted) plus
 * one bucket for every unseen category, the two-sample chi-square (baseline counts vs window
 * counts, the same function as `driftwatch compare`) over the categories seen on either side,
 * and for a boolean feature the pooled two-proportion z-test of the share of "true".
 */
export function categoricalMetrics(b: BaselineFeature, h: FeatureHistogram): Metrics {
  const categories = Object.keys(b.categories)
    .filter((c) => b.categories[c] > 0)
    .sort();
  const known = new Set(categories);
  const ref = [...categories.map((c) => b.categories[c]), 0];
  const cur = [...categories.map((c) => h.categories[c] ?? 0), 0];
  for (const [c, n] of Object.entries(h.categories)) if (!known.has(c)) cur[cur.length - 1] += n;
  const metrics = distances(ref, cur);
  const chi = chiSquare(new Map(Object.entries(b.categories)), new Map(Object.entries(h.categories)));
  metrics.chiSquare = finiteOrNull(chi.statistic);
  metrics.chiSquarePValue = finiteOrNull(chi.pValue);
  if (b.kind === 'boolean') {
    const nRef = sum(Object.values(b.categories));
    const nCur = sum(Object.values(h.categories));
    const z = nRef > 0 && nCur > 0 ? twoProportionZ(b.categories.true ?? 0, nRef, h.categories.true ?? 0, nCur) : null;
    metrics.twoProportionZ = z ? finiteOrNull(z.statistic) : null;
    metrics.twoProportionZPValue = z ? finiteOrNull(z.pValue) : null;
  }
  return metrics;
}
