import { describe, expect, it } from 'vitest';
import { coreFixture } from '../testing/core-fixture.test-util';
import { lowerBound, numericBinIndex, numericHistogram, upperBound } from './numeric-histogram';
import { toSortedSample } from './to-sorted-sample';

describe('numericBinIndex', () => {
  const { searchsorted } = coreFixture();

  it('matches np.searchsorted(edges, x, side="right"), duplicated edges included', () => {
    expect(searchsorted.x.map((x) => numericBinIndex(searchsorted.edges, x))).toEqual(searchsorted.index);
  });

  it('puts NaN after every number, as numpy orders it', () => {
    expect(numericBinIndex([0, 1], NaN)).toBe(2);
  });

  it('uses the single bin when there are no edges', () => {
    expect(numericBinIndex([], 42)).toBe(0);
  });
});

describe('numericHistogram', () => {
  const { numeric } = coreFixture();

  it.each(numeric.map((c) => [c.name, c]))('matches numpy bincount(searchsorted) on %s, sorted and unsorted input', (_name, c) => {
    expect(numericHistogram(toSortedSample(c.ref), c.edges)).toEqual(c.refHist);
    expect(numericHistogram(toSortedSample(c.cur), c.edges)).toEqual(c.curHist);
    // Fixture order is numpy's generation order (unsorted): the general path.
    expect(numericHistogram(c.cur, c.edges)).toEqual(c.curHist);
    expect(numericHistogram(Float64Array.from(c.cur), c.edges)).toEqual(c.curHist);
  });

  it('skips NaN, which is a missing value', () => {
    expect(numericHistogram([NaN, 1, 5, NaN], [2])).toEqual([1, 1]);
    expect(numericHistogram(Float64Array.from([1, NaN, 5]), [2])).toEqual([1, 1]);
  });

  it('has edges.length + 1 zero counts for an empty sample', () => {
    expect(numericHistogram(new Float64Array(0), [1, 2, 3])).toEqual([0, 0, 0, 0]);
  });
});

describe('upperBound / lowerBound', () => {
  it('find the first index above / not below x', () => {
    const s = Float64Array.from([1, 2, 2, 2, 3]);
    expect(upperBound(s, 2)).toBe(4);
    expect(lowerBound(s, 2)).toBe(1);
    expect(upperBound(s, 0)).toBe(0);
    expect(lowerBound(s, 9)).toBe(5);
  });
});
