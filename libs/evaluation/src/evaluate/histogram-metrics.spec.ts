import { describe, expect, it } from 'vitest';
import { baselineFeature, fixtureCases, windowHistogram } from '../testing/fixture.test-util';
import { binnedKs } from './binned-ks';
import { categoricalMetrics, numericMetrics } from './histogram-metrics';

// Distances and statistics to 1e-9 relative; p-values to 1e-6 relative or 1e-15 absolute
// (the special functions differ from scipy's in the last digits far in the tail).
function expectClose(actual: number | null | undefined, expected: number | null, label: string, pValue = false): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(typeof actual, label).toBe('number');
  const tolerance = pValue ? Math.max(1e-6 * Math.abs(expected), 1e-15) : 1e-9 * Math.abs(expected) + 1e-12;
  expect(Math.abs((actual as number) - expected) <= tolerance, `${label}: got ${actual}, expected ${expected}`).toBe(true);
}

const NUMERIC_METRICS = ['psi', 'jensenShannon', 'kullbackLeibler', 'hellinger', 'totalVariation', 'wasserstein', 'ks', 'meanRatio'];
const CATEGORICAL_METRICS = ['psi', 'jensenShannon', 'kullbackLeibler', 'hellinger', 'totalVariation', 'chiSquare'];

describe('window metrics from histograms, against numpy/scipy (fixtures/evaluation.json)', () => {
  for (const c of fixtureCases().filter((x) => x.kind === 'numeric')) {
    it(`numeric case ${c.name}`, () => {
      const { metrics, grid } = numericMetrics(baselineFeature(c), windowHistogram(c));
      expect(grid).toBe('fine');
      for (const m of NUMERIC_METRICS) expectClose(metrics[m], c.expected[m], `${c.name}.${m}`);
      expectClose(metrics.ksPValue, c.expected.ksPValue, `${c.name}.ksPValue`, true);
    });
  }

  for (const c of fixtureCases().filter((x) => x.kind !== 'numeric')) {
    it(`${c.kind} case ${c.name}`, () => {
      const metrics = categoricalMetrics(baselineFeature(c), windowHistogram(c));
      for (const m of CATEGORICAL_METRICS) expectClose(metrics[m], c.expected[m], `${c.name}.${m}`);
      expectClose(metrics.chiSquarePValue, c.expected.chiSquarePValue, `${c.name}.chiSquarePValue`, true);
      if (c.kind === 'boolean') {
        expectClose(metrics.twoProportionZ, c.expected.twoProportionZ, `${c.name}.twoProportionZ`);
        expectClose(metrics.twoProportionZPValue, c.expected.twoProportionZPValue, `${c.name}.twoProportionZPValue`, true);
      } else {
        expect(metrics).not.toHaveProperty('twoProportionZ');
      }
    });
  }

  it('chi-square: an empty window is not computable (null), a single category on both sides is no evidence', () => {
    const c = fixtureCases().find((x) => x.name === 'plan')!;
    const empty = categoricalMetrics(baselineFeature(c), windowHistogram(c, 'b1', { categories: {}, count: 0 }));
    expect(empty).toMatchObject({ chiSquare: null, chiSquarePValue: null });
    const single = categoricalMetrics(baselineFeature(c, { categories: { basic: 900 }, count: 900 }), windowHistogram(c, 'b1', { categories: { basic: 40 }, count: 40 }));
    expect(single).toMatchObject({ chiSquare: 0, chiSquarePValue: 1 });
  });

  it('binned KS stays within the documented bound of the raw-sample statistic', () => {
    for (const c of fixtureCases().filter((x) => x.rawKs)) {
      const d = binnedKs(c.baseline.fineCounts ?? [], c.window.fineBins ?? []).statistic;
      const raw = c.rawKs as { statistic: number; maxFineShare: number };
      expect(d, c.name).toBeLessThanOrEqual(raw.statistic + 1e-12);
      expect(raw.statistic - d, c.name).toBeLessThanOrEqual(raw.maxFineShare + 1e-12);
    }
  });

  it('falls back to the baseline bins when the window has no fine counts', () => {
    const c = fixtureCases().find((x) => x.name === 'shifted')!;
    const { metrics, grid } = numericMetrics(baselineFeature(c), windowHistogram(c, 'b1', { fineBins: [] }));
    expect(grid).toBe('bins');
    // Same psi (the bins are unchanged), a coarser KS: still a lower bound of the fine one.
    expectClose(metrics.psi, c.expected.psi, 'psi');
    expect(metrics.ks as number).toBeLessThanOrEqual(c.expected.ks as number);
    expect(metrics.ks as number).toBeGreaterThan(0);
  });

  it('binnedKs: identical histograms give D = 0 and p = 1; an empty side is not computable', () => {
    expect(binnedKs([5, 5, 5], [1, 1, 1])).toEqual({ statistic: 0, pValue: 1 });
    expect(binnedKs([5, 5], [0, 0]).statistic).toBeNaN();
    // Hand-computed: CDFs at the single edge 1/4 and 3/4 → D = 0.5.
    expect(binnedKs([1, 3], [3, 1]).statistic).toBe(0.5);
    expect(() => binnedKs([1], [1, 2])).toThrow(/same bins/);
  });
});
