import { describe, expect, it } from 'vitest';
import { expectedCalibrationError } from './calibration-error';
import { binaryArrays, expectMetric, performanceFixture } from './performance-fixtures.test-util';

describe('expectedCalibrationError', () => {
  it.each(performanceFixture.binary.map((c) => [c.name, c] as const))('matches the numpy reference: %s', (_, c) => {
    const { isPositive, scores } = binaryArrays(c);
    expectMetric(expectedCalibrationError(scores, isPositive, c.bins), c.expected.ece, 'ece');
  });

  it('weights each bin by its count, bins [k/B, (k+1)/B) with the last one closed', () => {
    // bin 0: {0.05} outcome 0 → |0 − 0.05|; bin 9: {0.95, 1.0} outcomes 1, 1 → |1 − 0.975|
    const ece = expectedCalibrationError(Float64Array.from([0.05, 0.95, 1]), Uint8Array.from([0, 1, 1]));
    expect(ece).toBeCloseTo((1 / 3) * 0.05 + (2 / 3) * 0.025, 15);
    // 0.5 starts bin 5 of 10, so it does not share a bin with 0.45
    expect(expectedCalibrationError(Float64Array.from([0.45, 0.5]), Uint8Array.from([0, 1]))).toBeCloseTo(0.5 * 0.45 + 0.5 * 0.5, 15);
  });

  it('a perfectly calibrated single bin scores 0; other bin counts are allowed', () => {
    expect(expectedCalibrationError(Float64Array.from([0.5, 0.5]), Uint8Array.from([0, 1]), 1)).toBe(0);
  });

  it('is null when empty and rejects bad input', () => {
    expect(expectedCalibrationError(new Float64Array(0), new Uint8Array(0))).toBeNull();
    expect(() => expectedCalibrationError(Float64Array.from([0.5]), Uint8Array.from([1]), 0)).toThrow(RangeError);
    expect(() => expectedCalibrationError(Float64Array.from([1.2]), Uint8Array.from([1]))).toThrow(RangeError);
    expect(() => expectedCalibrationError(Float64Array.from([0.2]), Uint8Array.from([1, 0]))).toThrow(RangeError);
  });
});
