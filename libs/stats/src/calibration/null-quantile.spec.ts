import { describe, expect, it } from 'vitest';
import { chiSquareSurvival } from '../hypothesis';
import { hellinger, jensenShannon, psi, totalVariation, wassersteinFromHistogram } from '../distances';
import { gammaUpperQuantile } from './gamma-quantile';
import { nullDistanceDraws, nullDistanceQuantile, type NullDistanceModel } from './null-quantile';
import { multinomialDraw } from './multinomial';
import { seededRandom } from '../random';

const uniform = (k: number, total: number) => Array.from({ length: k }, () => total / k);
const skewed = (k: number, total: number) => {
  const w = Array.from({ length: k }, (_, i) => 1 / (i + 1));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => Math.round((x / s) * total));
};
const edges = Array.from({ length: 99 }, (_, i) => -2.5 + (5 * (i + 1)) / 100);
const mids = [-2.5, ...edges.slice(1).map((e, i) => (e + edges[i]) / 2), 2.5];
const binnedMean = (c: ArrayLike<number>) => {
  let n = 0;
  let s = 0;
  for (let i = 0; i < c.length; i++) {
    n += c[i];
    s += c[i] * mids[i];
  }
  return s / n;
};

const MODELS: Record<string, NullDistanceModel> = {
  'jensenShannon, 100 uniform categories': { reference: uniform(100, 10_000), distance: jensenShannon, power: 2 },
  'jensenShannon, 10 skewed categories': { reference: skewed(10, 10_000), distance: jensenShannon, power: 2 },
  'psi, 10 bins': { reference: uniform(10, 10_000), distance: psi, power: 1 },
  'hellinger, 10 skewed categories': { reference: skewed(10, 10_000), distance: hellinger, power: 2 },
  'totalVariation, 10 skewed categories': { reference: skewed(10, 10_000), distance: totalVariation, power: 2 },
  'wasserstein, 100-bin grid': {
    reference: uniform(100, 10_000),
    distance: (r, c) => wassersteinFromHistogram(edges, r, c, -2.5, 2.5) / 1.44,
    power: 2,
    linear: (r, c) => (binnedMean(c) - binnedMean(r)) / 1.44,
  },
};

function empiricalUpper(values: Float64Array, alpha: number): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  return sorted[Math.ceil((1 - alpha) * sorted.length) - 1];
}

describe('multinomialDraw', () => {
  it('keeps the total and each bin’s mean and variance (exact and normal branches)', () => {
    const rng = seededRandom(3);
    const p = [0.001, 0.009, 0.09, 0.4, 0.5];
    const out = new Float64Array(5);
    const draws = 20_000;
    const n = 5000;
    const sum = new Float64Array(5);
    const sq = new Float64Array(5);
    for (let d = 0; d < draws; d++) {
      multinomialDraw(n, p, rng, out);
      expect(out.reduce((a, b) => a + b, 0)).toBe(n);
      out.forEach((x, i) => {
        sum[i] += x;
        sq[i] += x * x;
      });
    }
    p.forEach((pi, i) => {
      const mean = sum[i] / draws;
      const variance = sq[i] / draws - mean * mean;
      // 5 standard errors of the mean; variance within 5 % (its standard error is ~1 % here).
      expect(Math.abs(mean - n * pi)).toBeLessThan(5 * Math.sqrt((n * pi * (1 - pi)) / draws));
      expect(variance / (n * pi * (1 - pi))).toBeCloseTo(1, 1);
    });
  });
});

describe('gammaUpperQuantile', () => {
  it('is the chi-square quantile for shape k/2, scale 2 (survival read back by the chi-square of the tests)', () => {
    for (const [dof, tail] of [[9, 1e-3], [99, 1e-6], [2, 0.05]] as const) {
      const x = gammaUpperQuantile(dof / 2, 2, tail);
      expect(chiSquareSurvival(x, dof) / tail).toBeCloseTo(1, 6);
    }
  });
});

describe('nullDistanceQuantile', () => {
  it('is deterministic for a seed', () => {
    const m = MODELS['jensenShannon, 10 skewed categories'];
    expect(nullDistanceQuantile(m, 1000, 1e-6, 42)).toBe(nullDistanceQuantile(m, 1000, 1e-6, 42));
  });

  // The gamma fit against 40,000 resampled distances at α = 1e-3, the deepest level resampling
  // estimates well (40 draws beyond it: the empirical quantile's own error is about ±5 %). The
  // fit may be conservative (a larger quantile: fewer false alarms) by up to 15 %, never below
  // the resampled quantile by more than its own noise (5 %). Wasserstein's floor from the
  // linear statistic is conservative by design, 15–30 % at 1e-3 (less the deeper the level).
  it.each(Object.keys(MODELS))('agrees with the resampled 1e-3 quantile: %s', (name) => {
    const m = MODELS[name];
    for (const n of [100, 1000]) {
      const resampled = empiricalUpper(nullDistanceDraws(m, n, 40_000, 7), 1e-3);
      const fitted = nullDistanceQuantile(m, n, 1e-3, 11);
      expect(fitted / resampled).toBeGreaterThan(0.95);
      expect(fitted / resampled).toBeLessThan(m.linear ? 1.3 : 1.15);
    }
  });

  // Independent of resampling: two samples of n and N from the same k shares give
  // 8·JS² ≈ χ²(k−1)·(1/n + 1/N) (JS divergence ≈ χ²-divergence / 8), so far in the tail, where
  // the per-window levels live, the fit must match the chi-square quantile.
  it('matches the chi-square law of the Jensen–Shannon distance at α = 1e-6', () => {
    const m = MODELS['jensenShannon, 100 uniform categories'];
    for (const n of [1000, 10_000]) {
      const law = Math.sqrt((gammaUpperQuantile(99 / 2, 2, 1e-6) * (1 / n + 1 / 10_000)) / 8);
      expect(nullDistanceQuantile(m, n, 1e-6, 5) / law).toBeCloseTo(1, 1);
    }
  });

  it('a distance that cannot vary has no noise; an empty reference signals nothing', () => {
    expect(nullDistanceQuantile({ reference: [500], distance: jensenShannon, power: 2 }, 100, 1e-6, 1)).toBe(0);
    expect(nullDistanceQuantile({ reference: [0, 0], distance: jensenShannon, power: 2 }, 100, 1e-6, 1)).toBe(Infinity);
  });
});
