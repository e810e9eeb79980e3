import { describe, expect, it } from 'vitest';
import { completedBucket, dominantBaselineId } from './rollup-bucket.util';

const MIN = 60_000;
const HOUR = 3600_000;
const H = Date.UTC(2026, 10, 26, 10);

describe('completedBucket', () => {
  it('the window ending on the hour completes that hour', () => {
    expect(completedBucket(H - MIN, H, HOUR)).toEqual({ start: H - HOUR, end: H });
    expect(completedBucket(H - 2 * MIN, H - MIN, HOUR)).toBeNull();
    expect(completedBucket(H, H + MIN, HOUR)).toBeNull();
  });

  it('a window straddling the boundary belongs to the bucket it starts in', () => {
    // 7-minute windows do not divide the hour: [9:56, 10:03) is the last window starting before 10:00.
    expect(completedBucket(H - 4 * MIN, H + 3 * MIN, HOUR)).toEqual({ start: H - HOUR, end: H });
    expect(completedBucket(H + 3 * MIN, H + 10 * MIN, HOUR)).toBeNull();
  });

  it('no rollup of windows as long as the bucket', () => {
    expect(completedBucket(H - HOUR, H, HOUR)).toBeNull();
  });
});

describe('dominantBaselineId', () => {
  const f = (baselineId: string, count: number) => ({ baselineId, count, missing: 0, typeErrors: 0 });

  it('is the baseline most of the window was binned against', () => {
    expect(dominantBaselineId([f('old', 10), f('new', 500), f('new', 400), f('old', 20)])).toBe('new');
    expect(dominantBaselineId([f('', 100)])).toBe('');
    expect(dominantBaselineId([])).toBe('');
  });

  it('counts features without values (all missing) too, and breaks ties the same way every time', () => {
    expect(dominantBaselineId([{ baselineId: 'b1', count: 0, missing: 200, typeErrors: 0 }])).toBe('b1');
    expect(dominantBaselineId([f('a', 5), f('b', 5)])).toBe(dominantBaselineId([f('b', 5), f('a', 5)]));
  });
});
