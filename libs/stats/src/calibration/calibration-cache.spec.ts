import { describe, expect, it } from 'vitest';
import { CalibrationCache, sizeBucket } from './calibration-cache';

describe('sizeBucket', () => {
  it('groups sizes on a 10 % geometric grid, at the bucket’s smallest size (never above n)', () => {
    for (const n of [10, 57, 100, 999, 1000, 1001, 10_000, 600_000]) {
      const b = sizeBucket(n);
      expect(b).toBeLessThanOrEqual(n);
      expect(b).toBeGreaterThan(n / 1.1 - 1);
    }
    expect(sizeBucket(1000)).toBe(sizeBucket(1040));
    expect(sizeBucket(1000)).not.toBe(sizeBucket(1120));
    expect(sizeBucket(7)).toBe(7);
  });
});

describe('CalibrationCache', () => {
  it('computes a key once and returns it again', () => {
    const cache = new CalibrationCache(10);
    let calls = 0;
    const compute = () => ++calls;
    expect(cache.getOrCompute('a', compute)).toBe(1);
    expect(cache.getOrCompute('a', compute)).toBe(1);
    expect({ calls, hits: cache.hits, misses: cache.misses }).toEqual({ calls: 1, hits: 1, misses: 1 });
  });

  it('is bounded: the least recently used entry goes first', () => {
    const cache = new CalibrationCache(2);
    cache.getOrCompute('a', () => 1);
    cache.getOrCompute('b', () => 2);
    cache.getOrCompute('a', () => 99); // a is now the most recent
    cache.getOrCompute('c', () => 3); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.getOrCompute('a', () => 99)).toBe(1);
    expect(cache.getOrCompute('b', () => 22)).toBe(22);
  });

  it('refuses a bound below 1', () => {
    expect(() => new CalibrationCache(0)).toThrow('CalibrationCache: maxEntries must be >= 1, got 0');
  });
});
