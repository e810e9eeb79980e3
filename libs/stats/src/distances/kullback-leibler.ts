import { assertSameLength, fillZeroShares, normalizeShares, relEntr } from './shares.util';

/**
 * Kullback–Leibler divergence KL(p ‖ q), natural log:
 * `scipy.stats.entropy(fill(p), fill(q))` where fill is PSI's per-array zero filling
 * (fillZeroShares). scipy.stats.entropy renormalises its inputs, so unlike PSI the filled
 * arrays are renormalised here. Without the filling a bin empty in q would make KL
 * infinite. NaN when either array has no mass.
 */
export function kullbackLeibler(p: ArrayLike<number>, q: ArrayLike<number>): number {
  assertSameLength(p, q, 'kullbackLeibler');
  const ps = normalizeShares(p, 'kullbackLeibler', 'p');
  const qs = normalizeShares(q, 'kullbackLeibler', 'q');
  if (ps === null || qs === null) return NaN;
  const pf = normalizeShares(fillZeroShares(ps), 'kullbackLeibler', 'p') as Float64Array;
  const qf = normalizeShares(fillZeroShares(qs), 'kullbackLeibler', 'q') as Float64Array;
  let total = 0;
  for (let i = 0; i < pf.length; i++) total += relEntr(pf[i], qf[i]);
  return total;
}
