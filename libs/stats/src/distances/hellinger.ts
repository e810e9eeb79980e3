import { assertSameLength, normalizeShares } from './shares.util';

/**
 * Hellinger distance √(½·Σ(√p − √q)²) of two count/share arrays (normalised here), in
 * [0, 1]; zeros need no filling. NaN when either array has no mass.
 */
export function hellinger(p: ArrayLike<number>, q: ArrayLike<number>): number {
  assertSameLength(p, q, 'hellinger');
  const ps = normalizeShares(p, 'hellinger', 'p');
  const qs = normalizeShares(q, 'hellinger', 'q');
  if (ps === null || qs === null) return NaN;
  let total = 0;
  for (let i = 0; i < ps.length; i++) {
    const d = Math.sqrt(ps[i]) - Math.sqrt(qs[i]);
    total += d * d;
  }
  return Math.sqrt(0.5 * total);
}
