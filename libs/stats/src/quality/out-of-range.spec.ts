import { describe, expect, it } from 'vitest';
import { toSortedSample } from '../binning/to-sorted-sample';
import { coreFixture } from '../testing/core-fixture.test-util';
import { expectClose } from '../testing/expect-close.test-util';
import { outOfRangeShare } from './out-of-range';

describe('outOfRangeShare', () => {
  it.each(coreFixture().numeric.map((c) => [c.name, c]))('matches numpy on %s', (_name, c) => {
    expectClose(outOfRangeShare(toSortedSample(c.cur), c.refMin, c.refMax), c.outOfRangeShare, 'share');
  });

  it('counts strictly below min or strictly above max; the bounds themselves are in range', () => {
    expect(outOfRangeShare(Float64Array.from([0, 1, 1, 2, 3, 3, 4, 9]), 1, 3)).toBe(3 / 8);
  });

  it('is 0 for an empty sample', () => {
    expect(outOfRangeShare(new Float64Array(0), 0, 1)).toBe(0);
  });
});
