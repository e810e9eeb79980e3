/**
 * Bin of `x` against interior edges: `np.searchsorted(edges, x, side="right")`, i.e. the
 * number of edges <= x. Bin 0 is below the first edge, bin edges.length at or above the last.
 * NaN goes to the last bin because numpy orders NaN after every number.
 */
export function numericBinIndex(edges: readonly number[], x: number): number {
  if (x !== x) return edges.length;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Counts of `values` per bin (length edges.length + 1). NaN values are missing by the lib's
 * convention and are not counted. An ascending Float64Array is counted with one binary
 * search per edge instead of one per value.
 */
export function numericHistogram(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  if (values instanceof Float64Array && isAscendingWithoutNaN(values)) {
    let start = 0;
    for (let b = 0; b < edges.length; b++) {
      // Bin b holds edges[b-1] <= x < edges[b]: a value equal to an edge belongs above it.
      const end = lowerBound(values, edges[b], start);
      counts[b] = end - start;
      start = end;
    }
    counts[edges.length] = values.length - start;
    return counts;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    counts[numericBinIndex(edges, v)]++;
  }
  return counts;
}

/** First index in sorted[from..] whose value is > x (searchsorted side="right"). */
export function upperBound(sorted: ArrayLike<number>, x: number, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in sorted[from..] whose value is >= x (searchsorted side="left"). */
export function lowerBound(sorted: ArrayLike<number>, x: number, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isAscendingWithoutNaN(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v || (i > 0 && values[i - 1] > v)) return false;
  }
  return true;
}
