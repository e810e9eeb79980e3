import { describe, expect, it } from 'vitest';
import { watermarkDelaySeconds } from './watermark-delay.util';

describe('watermarkDelaySeconds', () => {
  it('is the wall clock minus the watermark, in seconds', () => {
    expect(watermarkDelaySeconds(1_000_000, 970_000)).toBe(30);
    expect(watermarkDelaySeconds(1_000_500, 1_000_000)).toBe(0.5);
  });

  it('is null before any event, so no series claims a delay it cannot know', () => {
    expect(watermarkDelaySeconds(1_000_000, Number.NEGATIVE_INFINITY)).toBeNull();
  });

  it('is negative for events ahead of the clock rather than hiding the skew', () => {
    expect(watermarkDelaySeconds(1_000_000, 1_002_000)).toBe(-2);
  });
});
