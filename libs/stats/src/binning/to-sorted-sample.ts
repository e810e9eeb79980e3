/**
 * The lib-wide input form for numeric sample functions: an ascending Float64Array without NaN.
 * Missing values (null, undefined, NaN) are dropped here so every statistic downstream sees
 * only observed values; ±Infinity is kept (it is an observed, if extreme, value).
 */
export function toSortedSample(values: ArrayLike<number | null | undefined>): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v !== v) continue;
    out[n++] = v;
  }
  // TypedArray#sort without a comparator sorts numerically, unlike Array#sort.
  // Copy rather than subarray so a mostly-missing column does not pin the full-size buffer.
  return (n === out.length ? out : out.slice(0, n)).sort();
}
