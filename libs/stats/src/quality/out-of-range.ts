/**
 * Share of current values strictly below the baseline's `min` or strictly above its `max`
 * (docs/architecture.md, "out of range"); 0 for an empty sample.
 * @param curSorted ascending sample without NaN (see toSortedSample)
 */
export function outOfRangeShare(curSorted: Float64Array, min: number, max: number): number {
  const n = curSorted.length;
  if (n === 0) return 0;
  const below = firstIndexNotBelow(curSorted, min);
  const atOrBelowMax = firstIndexAbove(curSorted, max);
  return (below + Math.max(0, n - Math.max(atOrBelowMax, below))) / n;
}

function firstIndexNotBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstIndexAbove(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
