import { seededRandom } from '../random';
import { gammaUpperQuantile } from './gamma-quantile';
import { multinomialDraw } from './multinomial';

/** How a distance is computed on one grid, for drawing it under the null. */
export interface NullDistanceModel {
  /** The baseline's counts on the grid the distance is computed on (bins, fine grid or categories). */
  readonly reference: readonly number[];
  /** The distance of a baseline histogram and a window histogram on that grid, as the decision computes it. */
  readonly distance: (ref: ArrayLike<number>, cur: ArrayLike<number>) => number;
  /**
   * D^power is fitted by a gamma distribution: 1 for divergences that are quadratic in the
   * share differences near the null (PSI, KL: n·D → scaled chi-square), 2 for their square
   * roots and the L1 distances (Jensen–Shannon and Hellinger distances, total variation,
   * Wasserstein).
   */
  readonly power: 1 | 2;
  /**
   * A signed statistic linear in the counts whose absolute value never exceeds the distance
   * (for Wasserstein the difference of the binned means, in the same units). The tail of an L1
   * distance is set by its most variable linear direction, wider than its bulk shows (a
   * moment fit undershoots Wasserstein's 1e-4 quantile by 10–17 %), so the quantile is at least
   * the distance's mean plus that statistic's standard deviation times the normal z of α, the
   * Gaussian concentration of a supremum of linear statistics.
   */
  readonly linear?: (ref: ArrayLike<number>, cur: ArrayLike<number>) => number;
}

/** 1,000 draws estimate the null's mean and variance to a few per cent, for a few ms per grid. */
export const DEFAULT_NULL_DRAWS = 1000;

/**
 * Draws of the distance between a baseline and a clean window of `n` values: both histograms
 * resampled from the baseline's shares, the baseline at its own size and the window at `n`.
 * Resampling the baseline too is deliberate: it is itself a sample, and a window from the
 * population it was drawn from differs from it by both sampling errors (at n = baseline size
 * the distance's null is twice that of the window's error alone). Deterministic for a seed.
 */
export function nullDistanceDraws(model: NullDistanceModel, n: number, draws: number, seed: number, linear?: Float64Array): Float64Array {
  const reference = model.reference;
  const size = reference.reduce((s, c) => s + c, 0);
  const out = new Float64Array(draws);
  if (size <= 0 || n <= 0) return out.fill(NaN);
  const shares = reference.map((c) => c / size);
  const rng = seededRandom(seed);
  const ref = new Float64Array(reference.length);
  const cur = new Float64Array(reference.length);
  for (let i = 0; i < draws; i++) {
    multinomialDraw(size, shares, rng, ref);
    multinomialDraw(n, shares, rng, cur);
    out[i] = model.distance(ref, cur);
    if (linear && model.linear) linear[i] = model.linear(ref, cur);
  }
  return out;
}

/**
 * The upper `alpha` quantile of the distance between the baseline and a clean window of `n`
 * values. Resampling alone cannot reach the levels a per-feature, per-window false-alarm
 * budget asks for (about 1e-6 for 20 features at one window a minute), so D^power of the draws
 * is fitted by a gamma distribution by its mean and variance and the quantile read from the
 * fit: the asymptotic law for the chi-square-like distances (n·PSI, 8n·JS² → χ²(k−1) scaled
 * by 1 + n/N), and a close, slightly heavy-tailed one for the L1 distances; checked against
 * resampled quantiles and the chi-square law in null-quantile.spec.ts. Draws that give no
 * value (NaN) are left out; with none left the quantile is +Infinity (nothing is signalled).
 */
export function nullDistanceQuantile(model: NullDistanceModel, n: number, alpha: number, seed: number, draws = DEFAULT_NULL_DRAWS): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`nullDistanceQuantile: alpha must be in (0, 1), got ${alpha}`);
  const linear = model.linear ? new Float64Array(draws) : undefined;
  const values = nullDistanceDraws(model, n, draws, seed, linear);
  let count = 0;
  let mean = 0;
  let m2 = 0;
  let max = -Infinity;
  let dMean = 0;
  let lSq = 0;
  let lMean = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i];
    if (!Number.isFinite(d)) continue;
    dMean += d;
    if (linear) {
      lMean += linear[i];
      lSq += linear[i] * linear[i];
    }
    const y = model.power === 2 ? d * d : d;
    count++;
    const delta = y - mean;
    mean += delta / count;
    m2 += delta * (y - mean);
    if (d > max) max = d;
  }
  if (count === 0) return Infinity;
  const variance = count > 1 ? m2 / (count - 1) : 0;
  dMean /= count;
  lMean /= count;
  const linearFloor = linear && count > 1 ? dMean + Math.sqrt(Math.max(0, (lSq - count * lMean * lMean) / (count - 1))) * normalUpperQuantile(alpha) : 0;
  // A distance that never varies (one category, or every share on one bin) has no noise to clear.
  if (!(variance > 0) || !(mean > 0)) return Math.max(0, max, linearFloor);
  const y = gammaUpperQuantile((mean * mean) / variance, variance / mean, alpha);
  const q = model.power === 2 ? Math.sqrt(y) : y;
  // The fit must never claim less noise than was drawn.
  return Math.max(q, linearFloor, alpha * draws < 1 ? max : -Infinity);
}

/** z with P(Z > z) = tail for a standard normal Z, from the chi-square of one degree of freedom (tail < 0.5). */
function normalUpperQuantile(tail: number): number {
  return Math.sqrt(2 * gammaUpperQuantile(0.5, 1, 2 * Math.min(tail, 0.4999)));
}
