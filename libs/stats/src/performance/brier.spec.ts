import { describe, expect, it } from 'vitest';
import { brierScore } from './brier';
import { binaryArrays, expectMetric, performanceFixture } from './performance-fixtures.test-util';

describe('brierScore', () => {
  it.each(performanceFixture.binary.map((c) => [c.name, c] as const))('matches brier_score_loss: %s', (_, c) => {
    const { isPositive, scores } = binaryArrays(c);
    expectMetric(brierScore(isPositive, scores), c.expected.brier, 'brier');
  });

  it('is the mean squared gap between outcome and score', () => {
    expect(brierScore(Uint8Array.from([1, 0]), Float64Array.from([0.5, 0.25]))).toBe((0.25 + 0.0625) / 2);
    expect(brierScore(new Uint8Array(0), new Float64Array(0))).toBeNull();
  });
});
