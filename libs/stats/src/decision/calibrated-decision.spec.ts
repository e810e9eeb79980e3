import { describe, expect, it } from 'vitest';
import { CalibrationCache } from '../calibration';
import { jensenShannon } from '../distances';
import { decideDrift, type Calibration } from './calibrated-decision';

const reference = Array.from({ length: 100 }, () => 100);
const calibration = (n: number, alpha = 1e-6): Calibration => ({ alpha, null: { key: 'b1/cat', n, reference, distance: jensenShannon } });

describe('decideDrift', () => {
  it('without a calibration the threshold alone decides (driftwatch compare)', () => {
    expect(decideDrift('jensenShannon', 0.12, 0.1)).toEqual({ detected: true, noiseLevel: null });
    expect(decideDrift('ks', 0.01, 0.05)).toEqual({ detected: true, noiseLevel: null });
  });

  it('a distance past its threshold but within a clean window’s noise is not drift; beyond it, it is', () => {
    const cache = new CalibrationCache();
    // 100 equal categories, n = 1000: the 1e-6 null quantile of JS is about 0.16 (chi-square law).
    const noisy = decideDrift('jensenShannon', 0.12, 0.1, calibration(1000), cache);
    expect(noisy.detected).toBe(false);
    expect(noisy.noiseLevel).toBeGreaterThan(0.14);
    expect(noisy.noiseLevel).toBeLessThan(0.18);
    expect(decideDrift('jensenShannon', 0.25, 0.1, calibration(1000), cache).detected).toBe(true);
    // More values, less noise: 0.12 is drift on 100,000.
    expect(decideDrift('jensenShannon', 0.12, 0.1, calibration(100_000), cache).detected).toBe(true);
    // Below the threshold nothing is computed.
    expect(decideDrift('jensenShannon', 0.05, 0.1, calibration(1000), cache)).toEqual({ detected: false, noiseLevel: null });
    expect(decideDrift('jensenShannon', Infinity, 0.1, calibration(1000), cache).detected).toBe(true);
  });

  it('compares the value under the null’s conventions with the quantile when one is given; the threshold still takes the reported value', () => {
    const cache = new CalibrationCache();
    const withValue = (value: number): Calibration => ({ alpha: 1e-6, null: { key: 'b1/cat', n: 1000, reference, distance: jensenShannon, value } });
    expect(decideDrift('jensenShannon', 0.3, 0.1, withValue(0.12), cache).detected).toBe(false);
    expect(decideDrift('jensenShannon', 0.3, 0.1, withValue(0.25), cache).detected).toBe(true);
    expect(decideDrift('jensenShannon', 0.05, 0.1, withValue(0.25), cache).detected).toBe(false);
  });

  it('caches the quantile per key, size bucket and level', () => {
    const cache = new CalibrationCache();
    decideDrift('jensenShannon', 0.3, 0.1, calibration(1000), cache);
    decideDrift('jensenShannon', 0.3, 0.1, calibration(1040), cache);
    expect(cache.misses).toBe(1);
    decideDrift('jensenShannon', 0.3, 0.1, calibration(1000, 1e-3), cache);
    decideDrift('hellinger', 0.3, 0.1, calibration(1000), cache);
    expect(cache.misses).toBe(3);
  });

  it('a p-value must cross its threshold and be at most α', () => {
    expect(decideDrift('ks', 1e-4, 0.05, { alpha: 1e-6 })).toEqual({ detected: false, noiseLevel: 1e-6 });
    expect(decideDrift('ks', 1e-7, 0.05, { alpha: 1e-6 }).detected).toBe(true);
    expect(decideDrift('chiSquare', 1e-7, 1e-8, { alpha: 1e-6 }).detected).toBe(false);
  });
});
