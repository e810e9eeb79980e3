import { describe, expect, it } from 'vitest';
import { expectMetric, performanceFixture } from './performance-fixtures.test-util';
import { MAPE_EPSILON, regressionMetrics } from './regression-metrics';

describe(`regressionMetrics against scikit-learn ${performanceFixture.sklearn} / numpy ${performanceFixture.numpy}`, () => {
  it.each(performanceFixture.regression.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const m = regressionMetrics(c.pairs);
    const e = c.expected;
    expect(m.count).toBe(e.count);
    expectMetric(m.mae, e.mae, 'mae');
    expectMetric(m.rmse, e.rmse, 'rmse');
    expectMetric(m.mape, e.mape, 'mape');
    expectMetric(m.r2, e.r2, 'r2');
    expectMetric(m.absoluteErrorQuantiles?.p50, e.absoluteErrorQuantiles['0.5'], 'p50');
    expectMetric(m.absoluteErrorQuantiles?.p90, e.absoluteErrorQuantiles['0.9'], 'p90');
    expectMetric(m.absoluteErrorQuantiles?.p99, e.absoluteErrorQuantiles['0.99'], 'p99');
  });
});

describe('regressionMetrics: edge cases', () => {
  it('an empty window is all null', () => {
    expect(regressionMetrics([])).toEqual({ count: 0, mae: null, rmse: null, mape: null, r2: null, absoluteErrorQuantiles: null });
  });

  it('R² is null for a single pair but the other metrics are defined', () => {
    const m = regressionMetrics([{ actual: 4, predicted: 5 }]);
    expect(m).toMatchObject({ count: 1, mae: 1, rmse: 1, mape: 0.25, r2: null });
  });

  it('a zero target divides by machine epsilon (sklearn MAPE)', () => {
    expect(regressionMetrics([{ actual: 0, predicted: 1 }]).mape).toBe(1 / MAPE_EPSILON);
  });

  it('a constant target scores R² = 1 when perfect and 0 otherwise, decided exactly', () => {
    expect(regressionMetrics([0.1, 0.1, 0.1].map((v) => ({ actual: v, predicted: v }))).r2).toBe(1);
    expect(regressionMetrics([0.1, 0.1, 0.1].map((v) => ({ actual: v, predicted: v + 1 }))).r2).toBe(0);
  });

  it('rejects non-finite values', () => {
    expect(() => regressionMetrics([{ actual: Number.NaN, predicted: 1 }])).toThrow(RangeError);
    expect(() => regressionMetrics([{ actual: 1, predicted: Infinity }])).toThrow(RangeError);
  });
});
