import type { SeededRandom } from '../random';

/**
 * One multinomial draw of `n` items over `probabilities` (summing to 1), by conditional
 * binomials: O(bins), not O(n), so a rollup bucket of 600,000 events costs what a minute does.
 * The binomials are exact (inversion) where the expected count is small, where the shape of
 * the null distance depends on empty and nearly empty bins, and normal with rounding above
 * (mean > 30), where the draw only has to carry the right mean and variance.
 */
export function multinomialDraw(n: number, probabilities: ArrayLike<number>, rng: SeededRandom, out: Float64Array): Float64Array {
  let remaining = n;
  let mass = 1;
  const last = probabilities.length - 1;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    if (remaining <= 0 || p <= 0) {
      out[i] = 0;
      continue;
    }
    if (i === last || p >= mass) {
      out[i] = remaining;
      remaining = 0;
      continue;
    }
    const k = binomialDraw(remaining, p / mass, rng);
    out[i] = k;
    remaining -= k;
    mass -= p;
  }
  return out;
}

function binomialDraw(n: number, p: number, rng: SeededRandom): number {
  const flipped = p > 0.5;
  const q = flipped ? 1 - p : p;
  const mean = n * q;
  let k: number;
  if (mean < 30) {
    // Walk the CDF from 0: expected steps ≈ mean.
    const u = rng.uniform();
    const ratio = q / (1 - q);
    let prob = Math.exp(n * Math.log1p(-q));
    let cdf = prob;
    k = 0;
    while (u > cdf && k < n) {
      prob *= (ratio * (n - k)) / (k + 1);
      k++;
      cdf += prob;
      if (prob === 0 && k > mean) break;
    }
  } else {
    k = Math.round(mean + Math.sqrt(mean * (1 - q)) * rng.normal());
    k = Math.min(n, Math.max(0, k));
  }
  return flipped ? n - k : k;
}
