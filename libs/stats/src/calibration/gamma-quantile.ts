import gammainc from '@stdlib/math-base-special-gammainc';

/**
 * The upper quantile of a gamma distribution (shape, scale): the x with P(X > x) = tail.
 * Bisection on the regularised upper incomplete gamma, which keeps its relative accuracy far
 * into the tail (the per-feature, per-window false-alarm levels are near 1e-6).
 */
export function gammaUpperQuantile(shape: number, scale: number, tail: number): number {
  if (!(shape > 0) || !(scale > 0)) throw new RangeError(`gammaUpperQuantile: shape and scale must be > 0, got ${shape} and ${scale}`);
  if (!(tail > 0 && tail < 1)) throw new RangeError(`gammaUpperQuantile: tail must be in (0, 1), got ${tail}`);
  const survival = (x: number) => gammainc(x, shape, true, true);
  let lo = 0;
  let hi = Math.max(1, shape);
  while (survival(hi) > tail) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (survival(mid) > tail) lo = mid;
    else hi = mid;
  }
  return ((lo + hi) / 2) * scale;
}
