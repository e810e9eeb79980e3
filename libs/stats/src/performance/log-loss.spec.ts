import { describe, expect, it } from 'vitest';
import { binaryLogLoss, LOG_LOSS_EPS, multiclassLogLoss } from './log-loss';
import { binaryArrays, expectMetric, performanceFixture } from './performance-fixtures.test-util';

describe('log loss', () => {
  it.each(performanceFixture.binary.map((c) => [c.name, c] as const))('binary matches log_loss: %s', (_, c) => {
    const { isPositive, scores } = binaryArrays(c);
    expectMetric(binaryLogLoss(isPositive, scores), c.expected.logLoss, 'logLoss');
  });

  it('clips to [eps, 1 - eps] with eps = 2^-52 (sklearn >= 1.5), without renormalising', () => {
    expect(LOG_LOSS_EPS).toBe(2 ** -52);
    expect(binaryLogLoss(Uint8Array.from([1]), Float64Array.from([0]))).toBe(-Math.log(2 ** -52));
    expect(binaryLogLoss(Uint8Array.from([1]), Float64Array.from([1]))).toBe(-Math.log(1 - 2 ** -52));
    expect(multiclassLogLoss(Float64Array.from([0, 0.5]))).toBe((-Math.log(2 ** -52) - Math.log(0.5)) / 2);
  });

  it('is null for an empty window', () => {
    expect(binaryLogLoss(new Uint8Array(0), new Float64Array(0))).toBeNull();
    expect(multiclassLogLoss(new Float64Array(0))).toBeNull();
  });
});
