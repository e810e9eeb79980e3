import { describe, expect, it } from 'vitest';
import { toSortedSample } from './to-sorted-sample';

describe('toSortedSample', () => {
  it('drops null, undefined and NaN and sorts numerically (not lexically)', () => {
    const sample = toSortedSample([10, null, 9, undefined, NaN, -1, 100, 9]);
    expect(Array.from(sample)).toEqual([-1, 9, 9, 10, 100]);
    expect(sample).toBeInstanceOf(Float64Array);
  });

  it('keeps infinities, which are observed values', () => {
    expect(Array.from(toSortedSample([Infinity, 0, -Infinity]))).toEqual([-Infinity, 0, Infinity]);
  });

  it('returns an empty sample for an all-missing column', () => {
    expect(toSortedSample([null, undefined, NaN]).length).toBe(0);
    expect(toSortedSample([]).length).toBe(0);
  });
});
