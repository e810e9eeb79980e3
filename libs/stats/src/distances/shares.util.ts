/**
 * Counts or shares → shares summing to 1 (as scipy divides by the sum). Returns null when
 * the array sums to 0: a distribution with no mass has no shares, and the distances then
 * return NaN ("undefined") rather than a made-up number.
 */
export function normalizeShares(values: ArrayLike<number>, fn: string, arg: string): Float64Array | null {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= 0) || v === Infinity) {
      throw new RangeError(`${fn}: ${arg}[${i}] must be a finite count or share >= 0, got ${v}`);
    }
    total += v;
  }
  if (values.length === 0 || total === 0) return null;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] / total;
  return out;
}

export function assertSameLength(p: ArrayLike<number>, q: ArrayLike<number>, fn: string): void {
  if (p.length !== q.length) {
    throw new RangeError(`${fn}: the two distributions must have the same number of bins (${p.length} vs ${q.length})`);
  }
}

/**
 * The zero filling of docs/architecture.md, per array: zero shares become min_nonzero/1e6
 * when the smallest non-zero share is <= 1e-4, else 1e-4. The filled array is deliberately
 * NOT renormalised: the rule says only "zeros become …", so the filled shares sum to slightly more than 1.
 * Returns a new array; `shares` must already be normalised (see normalizeShares).
 */
export function fillZeroShares(shares: Float64Array): Float64Array {
  let minNonZero = Infinity;
  for (const s of shares) if (s > 0 && s < minNonZero) minNonZero = s;
  const fill = minNonZero <= 1e-4 ? minNonZero / 1e6 : 1e-4;
  return shares.map((s) => (s === 0 ? fill : s));
}

/** scipy.special.rel_entr: x·ln(x/y), 0 when x = 0 and y >= 0, +inf when x > 0 and y = 0. */
export function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}
