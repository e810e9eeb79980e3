import { cdfDistanceIntegral } from './cdf-distance.util';
import { populationStd } from './population-std';

/** Floor of the reference spread so a constant baseline does not divide by zero. */
export const WASSERSTEIN_MIN_STD = 0.001;

/**
 * `scipy.stats.wasserstein_distance(ref, cur)`: the first Wasserstein (earth mover's)
 * distance of two samples, in the samples' unit. O(n + m) on sorted input.
 * @throws RangeError when a sample is empty (scipy raises too)
 */
export function wassersteinDistance(refSorted: Float64Array, curSorted: Float64Array): number {
  return cdfDistanceIntegral(refSorted, curSorted, 1, 'wassersteinDistance');
}

/**
 * The normalised Wasserstein of docs/architecture.md: `wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)`,
 * unit-free so one threshold (0.1 by default) fits every feature.
 * @param refSorted ascending reference sample without NaN (see toSortedSample)
 * @param curSorted ascending current sample without NaN
 */
export function wasserstein(refSorted: Float64Array, curSorted: Float64Array): number {
  return normaliseWasserstein(cdfDistanceIntegral(refSorted, curSorted, 1, 'wasserstein'), refSorted);
}

/** The raw distance (the p = 1 integral) divided as wasserstein divides it. */
export function normaliseWasserstein(raw: number, refSorted: Float64Array): number {
  return raw / Math.max(populationStd(refSorted), WASSERSTEIN_MIN_STD);
}

/**
 * Streaming approximation of wassersteinDistance from two histograms over the same
 * interior `edges` (counts of length edges.length + 1): each bin's mass sits at the bin's
 * midpoint, the outer bins being closed by `lo` and `hi` (e.g. the smallest and largest
 * value seen on either side; they are widened to the edges if needed). Equals
 * `scipy.stats.wasserstein_distance(mids, mids, refCounts, curCounts)`. Raw, in the
 * feature's unit: divide by max(ref std, 0.001) for the normalised score. Finer edges give a
 * closer approximation. NaN when either histogram is empty. Outer bins closed by a fixed width
 * (the neighbouring bin's, or the baseline's min / max) are quieter on heavy tails but lose
 * scipy's sensitivity to the tail and to values beyond the range: libs/evaluation README,
 * "Closing the outer bins".
 */
export function wassersteinFromHistogram(
  edges: readonly number[],
  refCounts: ArrayLike<number>,
  curCounts: ArrayLike<number>,
  lo: number,
  hi: number,
): number {
  const bins = edges.length + 1;
  if (refCounts.length !== bins || curCounts.length !== bins) {
    throw new RangeError(
      `wassersteinFromHistogram: ${edges.length} edges need ${bins} counts, got ${refCounts.length} and ${curCounts.length}`,
    );
  }
  const bounds = [Math.min(lo, edges[0] ?? lo), ...edges, Math.max(hi, edges[edges.length - 1] ?? hi)];
  let refTotal = 0;
  let curTotal = 0;
  for (let i = 0; i < bins; i++) {
    refTotal += refCounts[i];
    curTotal += curCounts[i];
  }
  if (refTotal === 0 || curTotal === 0) return NaN;
  let refCum = 0;
  let curCum = 0;
  let total = 0;
  for (let i = 0; i < bins - 1; i++) {
    refCum += refCounts[i];
    curCum += curCounts[i];
    const mid = (bounds[i] + bounds[i + 1]) / 2;
    const nextMid = (bounds[i + 1] + bounds[i + 2]) / 2;
    total += Math.abs(refCum / refTotal - curCum / curTotal) * (nextMid - mid);
  }
  return total;
}
