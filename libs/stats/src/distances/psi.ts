import { assertSameLength, fillZeroShares, normalizeShares } from './shares.util';

/**
 * Population Stability Index Σ (q−p)·ln(q/p) of the reference `ref` (p) and current `cur`
 * (q) distributions, given as counts or shares over the same bins (normalised here).
 *
 * Zeros: each array is filled on its own by the documented rule (fillZeroShares) and NOT
 * renormalised afterwards, the literal reading of the rule. A bin empty in both arrays still
 * contributes when the two fill values differ. NaN when either array has no mass.
 */
export function psi(ref: ArrayLike<number>, cur: ArrayLike<number>): number {
  assertSameLength(ref, cur, 'psi');
  const pShares = normalizeShares(ref, 'psi', 'ref');
  const qShares = normalizeShares(cur, 'psi', 'cur');
  if (pShares === null || qShares === null) return NaN;
  const p = fillZeroShares(pShares);
  const q = fillZeroShares(qShares);
  let total = 0;
  for (let i = 0; i < p.length; i++) total += (q[i] - p[i]) * Math.log(q[i] / p[i]);
  return total;
}
