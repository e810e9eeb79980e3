import { assertSameLength, normalizeShares, relEntr } from './shares.util';

/**
 * scipy.spatial.distance.jensenshannon(p, q): the Jensen–Shannon distance (square root of
 * the divergence), natural log, no zero filling (0·ln 0 = 0). In [0, √ln2].
 * NaN when either array has no mass. Where rounding would make the divergence a hair
 * below 0 (scipy then returns NaN), this returns 0.
 */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  assertSameLength(p, q, 'jensenShannon');
  const ps = normalizeShares(p, 'jensenShannon', 'p');
  const qs = normalizeShares(q, 'jensenShannon', 'q');
  if (ps === null || qs === null) return NaN;
  let left = 0;
  let right = 0;
  for (let i = 0; i < ps.length; i++) {
    const m = (ps[i] + qs[i]) / 2;
    left += relEntr(ps[i], m);
    right += relEntr(qs[i], m);
  }
  return Math.sqrt(Math.max(0, (left + right) / 2));
}
