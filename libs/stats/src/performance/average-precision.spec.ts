import { describe, expect, it } from 'vitest';
import { binaryAveragePrecision } from './average-precision';
import { binaryArrays, expectMetric, performanceFixture } from './performance-fixtures.test-util';

describe('binaryAveragePrecision', () => {
  it.each(performanceFixture.binary.map((c) => [c.name, c] as const))('matches average_precision_score: %s', (_, c) => {
    const { isPositive, scores } = binaryArrays(c);
    expectMetric(binaryAveragePrecision(isPositive, scores), c.expected.averagePrecision, 'averagePrecision');
  });

  it('is step-wise, not interpolated', () => {
    // thresholds 0.9 (P=1, R=1/2), 0.8 (P=1/2, R=1/2), 0.7 (P=2/3, R=1): AP = 1/2·1 + 1/2·2/3
    expect(binaryAveragePrecision(Uint8Array.from([1, 0, 1]), Float64Array.from([0.9, 0.8, 0.7]))).toBeCloseTo(5 / 6, 15);
  });

  it('takes a tied group as one threshold', () => {
    expect(binaryAveragePrecision(Uint8Array.from([1, 0]), Float64Array.from([0.5, 0.5]))).toBe(0.5);
  });

  it('is null without positives (sklearn warns and returns 0)', () => {
    expect(binaryAveragePrecision(Uint8Array.from([0, 0]), Float64Array.from([0.2, 0.3]))).toBeNull();
  });
});
