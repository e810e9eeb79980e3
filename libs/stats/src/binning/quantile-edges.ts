/**
 * Interior bin edges fixed by the baseline:
 * `np.unique(np.quantile(ref, [i/B for i in 1..B-1]))` with numpy's default ("linear") method.
 *
 * The arithmetic copies numpy 2.x step by step (virtual index `(n-1)*q`, floor, gamma,
 * and `_lerp`, which interpolates from the nearer end when gamma >= 0.5) so edges are
 * bitwise equal to numpy's: a value lying exactly on an edge then lands in the same bin in
 * TypeScript as in a Python notebook.
 *
 * @param sorted ascending sample without NaN (see toSortedSample)
 * @param bins B, the number of bins (>= 1); B = 1 has no interior edge
 */
export function quantileEdges(sorted: Float64Array, bins = 10): number[] {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`quantileEdges: bins must be an integer >= 1, got ${bins}`);
  }
  const n = sorted.length;
  if (n === 0) return [];
  const raw: number[] = [];
  for (let i = 1; i < bins; i++) raw.push(linearQuantile(sorted, i / bins));
  return uniqueSorted(raw);
}

/** `np.quantile(sorted, q)` (method "linear") for an ascending sample without NaN. */
export function linearQuantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('linearQuantile: empty sample');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`linearQuantile: q must be in [0, 1], got ${q}`);
  const virtualIndex = (n - 1) * q;
  // numpy clamps to the last element through lerp(a, a, t), which is NaN for an infinite a.
  if (virtualIndex >= n - 1) return lerp(sorted[n - 1], sorted[n - 1], 1);
  const previous = Math.floor(virtualIndex);
  return lerp(sorted[previous], sorted[previous + 1], virtualIndex - previous);
}

/** numpy's `_lerp`: a + (b-a)·t, but b - (b-a)·(1-t) when t >= 0.5 (more accurate near b). */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

function uniqueSorted(values: number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  const out: number[] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    // `!==` treats -0 and 0 as equal and np.unique folds NaNs into one, like numpy 2.
    if (out.length === 0 || (last !== v && !(last !== last && v !== v))) out.push(v);
  }
  return out;
}
