import { describe, expect, it } from 'vitest';
import { perFeatureAlpha } from './false-alarm-alpha';

describe('perFeatureAlpha', () => {
  const minute = 60_000;
  it('spreads the target over the windows of 30 days and the features (Bonferroni)', () => {
    // 1 a month, 43,200 minute windows, 20 features: 1 / (43,200 × 20).
    expect(perFeatureAlpha({ falseAlarmsPer30Days: 1, windowMs: minute, features: 20, openAfter: 1 })).toBeCloseTo(1 / 864_000, 15);
    // Half of it to the windows when the rollup takes the other half.
    expect(perFeatureAlpha({ falseAlarmsPer30Days: 1, windowMs: minute, features: 20, openAfter: 1, share: 0.5 })).toBeCloseTo(0.5 / 864_000, 15);
    // An hourly bucket: 720 in 30 days.
    expect(perFeatureAlpha({ falseAlarmsPer30Days: 1, windowMs: 60 * minute, features: 20, openAfter: 1 })).toBeCloseTo(1 / 14_400, 12);
  });

  it('openAfter k: k bad windows in a row, so the per-window level is the k-th root', () => {
    const a = perFeatureAlpha({ falseAlarmsPer30Days: 1, windowMs: minute, features: 1, openAfter: 2 });
    expect(43_200 * a ** 2).toBeCloseTo(1, 9);
  });

  it('stays a level: at most 0.5, and a clear error for a target or length that is not positive', () => {
    expect(perFeatureAlpha({ falseAlarmsPer30Days: 1e9, windowMs: minute, features: 1, openAfter: 1 })).toBe(0.5);
    expect(() => perFeatureAlpha({ falseAlarmsPer30Days: 0, windowMs: minute, features: 1, openAfter: 1 })).toThrow('the false-alarm target must be > 0, got 0');
    expect(() => perFeatureAlpha({ falseAlarmsPer30Days: 1, windowMs: 0, features: 1, openAfter: 1 })).toThrow('the window length must be > 0 ms, got 0');
  });
});
