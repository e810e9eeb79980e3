import { describe, expect, it } from 'vitest';
import { binaryArrays, expectMetric, performanceFixture } from './performance-fixtures.test-util';
import { binaryRocAuc } from './roc-auc';

describe('binaryRocAuc', () => {
  it.each(performanceFixture.binary.map((c) => [c.name, c] as const))('matches roc_auc_score: %s', (_, c) => {
    const { isPositive, scores } = binaryArrays(c);
    expectMetric(binaryRocAuc(isPositive, scores), c.expected.rocAuc, 'rocAuc');
  });

  it('counts a tie between a positive and a negative as one half', () => {
    expect(binaryRocAuc(Uint8Array.from([1, 0]), Float64Array.from([0.5, 0.5]))).toBe(0.5);
    expect(binaryRocAuc(Uint8Array.from([1, 0, 1, 0]), Float64Array.from([0.9, 0.1, 0.4, 0.4]))).toBe(0.875);
  });

  it('accepts any real score, not only probabilities', () => {
    expect(binaryRocAuc(Uint8Array.from([0, 1, 1]), Float64Array.from([-3, 2, 10]))).toBe(1);
  });

  it('is null with a single class present, and rejects NaN scores', () => {
    expect(binaryRocAuc(Uint8Array.from([1, 1]), Float64Array.from([0.2, 0.3]))).toBeNull();
    expect(binaryRocAuc(new Uint8Array(0), new Float64Array(0))).toBeNull();
    expect(() => binaryRocAuc(Uint8Array.from([1, 0]), Float64Array.from([Number.NaN, 0.3]))).toThrow(RangeError);
  });
});
