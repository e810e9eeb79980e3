import { assertSameLength, normalizeShares } from './shares.util';

/**
 * Total variation distance ½·Σ|p − q| of two count/share arrays (normalised here), in
 * [0, 1]; zeros need no filling. NaN when either array has no mass.
 */
export function totalVariation(p: ArrayLike<number>, q: ArrayLike<number>): number {
  assertSameLength(p, q, 'totalVariation');
  const ps = normalizeShares(p, 'totalVariation', 'p');
  const qs = normalizeShares(q, 'totalVariation', 'q');
  if (ps === null || qs === null) return NaN;
  let total = 0;
  for (let i = 0; i < ps.length; i++) total += Math.abs(ps[i] - qs[i]);
  return 0.5 * total;
}
