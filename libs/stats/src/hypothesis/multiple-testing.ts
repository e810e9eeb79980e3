/**
 * Bonferroni-adjusted p-values min(1, p·m), in the input order (m = number of p-values).
 * @throws RangeError when a p-value is not within [0, 1] (NaN included)
 */
export function bonferroni(pValues: readonly number[]): number[] {
  assertPValues(pValues, 'bonferroni');
  const m = pValues.length;
  return pValues.map((p) => Math.min(1, p * m));
}

/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate), in the input order:
 * `scipy.stats.false_discovery_control(ps, method='bh')`. Sorted ascending, p_(i)·m/i,
 * then a running minimum from the largest down, clipped to [0, 1].
 * @throws RangeError when a p-value is not within [0, 1] (NaN included)
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  assertPValues(pValues, 'benjaminiHochberg');
  const m = pValues.length;
  if (m <= 1) return [...pValues];
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const adjusted = new Array<number>(m);
  let runningMin = Infinity;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1];
    runningMin = Math.min(runningMin, pValues[i] * (m / rank));
    adjusted[i] = Math.min(1, Math.max(0, runningMin));
  }
  return adjusted;
}

function assertPValues(pValues: readonly number[], fn: string): void {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${fn}: p-value at index ${i} must be within [0, 1], got ${p}`);
  });
}
