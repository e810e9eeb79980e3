/**
 * Modified Bessel function of the second kind K_nu(z) for real order nu and z > 0 (scipy.special.kv
 * on the positive axis). No maintained npm package offers fractional orders, which the Cramér–von
 * Mises distribution needs (K_1/4), so it is computed from K_nu(z) = ∫_0^∞ exp(-z·cosh t)·cosh(nu·t) dt
 * with the trapezoidal rule: the integrand is entire and decays double-exponentially, so the rule
 * converges geometrically; the step is chosen so the discretisation error is below 1e-17 relative
 * (Trefethen & Weideman, SIAM Review 2014, §4), and the tail is cut when terms stop mattering.
 */
export function besselK(nu: number, z: number): number {
  if (Number.isNaN(nu) || Number.isNaN(z) || z < 0) return NaN;
  if (z === 0) return Infinity;
  // e^{-z} is factored out so the sum cannot underflow before the final product.
  const h = Math.min(0.1, 0.5 / Math.sqrt(z));
  let sum = 0.5; // t = 0 term: exp(-z(cosh 0 - 1))·cosh 0 / 2
  for (let i = 1; ; i++) {
    const t = i * h;
    const sh = Math.sinh(t / 2); // cosh t - 1 = 2 sinh²(t/2), without cancellation for small t
    const term = Math.exp(-z * 2 * sh * sh) * Math.cosh(nu * t);
    sum += term;
    if (term < 1e-18 * sum) break;
  }
  return Math.exp(-z) * h * sum;
}
