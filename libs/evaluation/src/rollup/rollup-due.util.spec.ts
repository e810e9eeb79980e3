import { describe, expect, it } from 'vitest';
import { seededRandom } from '@driftwatch/stats';
import { completedBucket } from './rollup-bucket.util';
import { bucketDueOnClock, rollupBucketOf, bucketsSettledBy, type RollupBucket, type WindowSpan } from './rollup-due.util';

const MIN = 60_000;
const HOUR = 3600_000;
const H = Date.UTC(2026, 10, 26, 10);
const minute = (start: number): WindowSpan => ({ windowStart: start, windowEnd: start + MIN });
const starts = (buckets: RollupBucket[]) => buckets.map((b) => b.start);

describe('rollupBucketOf', () => {
  it('is the epoch-aligned bucket a window starts in, and when its windows have all ended', () => {
    expect(rollupBucketOf(H - MIN, MIN, HOUR)).toEqual({ start: H - HOUR, end: H, windowsEnd: H });
    // 7-minute windows: [9:56, 10:03) is the last window starting before 10:00.
    const sevenMin = 7 * MIN;
    const b = rollupBucketOf(H - 30 * MIN, sevenMin, HOUR);
    expect(b?.windowsEnd).toBe(Math.ceil(H / sevenMin) * sevenMin);
    expect(b!.windowsEnd).toBeGreaterThan(H);
    expect(b!.windowsEnd - H).toBeLessThan(sevenMin);
  });

  it('has no bucket for windows as long as the bucket, and names bad sizes', () => {
    expect(rollupBucketOf(H, HOUR, HOUR)).toBeNull();
    expect(() => rollupBucketOf(H, 0, HOUR)).toThrow(/window and bucket must be positive/);
  });
});

describe('bucketsSettledBy (event time)', () => {
  it('the close of the bucket last window settles it, as before', () => {
    expect(starts(bucketsSettledBy(minute(H - MIN), minute(H - 2 * MIN), HOUR))).toEqual([H - HOUR]);
    expect(bucketsSettledBy(minute(H - 2 * MIN), minute(H - 3 * MIN), HOUR)).toEqual([]);
    expect(bucketsSettledBy(minute(H + MIN), minute(H), HOUR)).toEqual([]);
  });

  it('a bucket whose last minutes had no window is settled by the next close of the version', () => {
    // Last window of the 9:00 hour is [9:57, 9:58); the next is [10:03, 10:04).
    expect(starts(bucketsSettledBy(minute(H + 3 * MIN), minute(H - 3 * MIN), HOUR))).toEqual([H - HOUR]);
    // ... hours later, after silent hours (which are not candidates: no windows).
    expect(starts(bucketsSettledBy(minute(H + 5 * HOUR), minute(H - 3 * MIN), HOUR))).toEqual([H - HOUR]);
    // Both the previous bucket and this window's, when this window ends its own bucket.
    expect(starts(bucketsSettledBy(minute(H + HOUR - MIN), minute(H - 3 * MIN), HOUR))).toEqual([H - HOUR, H]);
  });

  it('the first window of a version settles only its own bucket, and a late update settles again what its close did', () => {
    expect(starts(bucketsSettledBy(minute(H - MIN), null, HOUR))).toEqual([H - HOUR]);
    expect(bucketsSettledBy(minute(H - 30 * MIN), null, HOUR)).toEqual([]);
    // [9:58, 9:59) closed again (late update) after [10:05, 10:06) closed: the same answer as its first close.
    expect(bucketsSettledBy(minute(H - 2 * MIN), minute(H - 3 * MIN), HOUR)).toEqual([]);
    // A late window [9:59, 10:00) created after [10:05, 10:06) judged the hour: the hour again, with it.
    expect(starts(bucketsSettledBy(minute(H - MIN), minute(H - 3 * MIN), HOUR))).toEqual([H - HOUR]);
  });

  it('windows longer than a bucket settle nothing', () => {
    expect(bucketsSettledBy({ windowStart: H, windowEnd: H + HOUR }, { windowStart: H - 2 * HOUR, windowEnd: H - HOUR }, HOUR)).toEqual([]);
  });
});

describe('bucketDueOnClock (wall clock)', () => {
  const slack = 45_000;
  const quiet = { lastWindowEnd: H - 2 * MIN, windowMs: MIN, lastClosedAt: H - 2 * MIN + 15_000 };

  it('judges the bucket of a version that stopped before its end, once the clock passed its end plus the closing delays', () => {
    expect(bucketDueOnClock(quiet, HOUR, H + slack - 1, slack)).toBeNull();
    expect(bucketDueOnClock(quiet, HOUR, H + slack, slack)).toEqual({ start: H - HOUR, end: H, windowsEnd: H });
    expect(bucketDueOnClock({ ...quiet, lastClosedAt: null }, HOUR, H + slack, slack)?.start).toBe(H - HOUR);
  });

  it('leaves a bucket the event-time rule judged, and a version still closing windows (a backfill), alone', () => {
    expect(bucketDueOnClock({ ...quiet, lastWindowEnd: H }, HOUR, H + HOUR, slack)).toBeNull();
    const backfill = { lastWindowEnd: H - 2 * MIN - 30 * 86_400_000, windowMs: MIN, lastClosedAt: H + 10 * MIN };
    expect(bucketDueOnClock(backfill, HOUR, H + 10 * MIN + slack - 1, slack)).toBeNull();
    expect(bucketDueOnClock(backfill, HOUR, H + 10 * MIN + slack, slack)?.end).toBe(H - 30 * 86_400_000);
  });
});

/**
 * The measurement of issue 9 item 3: a model with events in about 2 of every 3 minutes. Before,
 * an hour was judged only at the close of its last minute (`completedBucket`); now every hour with
 * a window is judged, by the next close of the version or, for the stream's last hour, by the clock.
 * Run: npx vitest run libs/evaluation/src/rollup/rollup-due.util.spec.ts (prints the shares).
 */
describe('hours judged for a model with quiet minutes', () => {
  function simulate(hasEvents: (minuteIndex: number) => boolean, hours: number) {
    const t0 = H;
    const windows: WindowSpan[] = [];
    for (let m = 0; m < hours * 60; m++) if (hasEvents(m)) windows.push(minute(t0 + m * MIN));
    const withWindows = new Set(windows.map((w) => Math.floor(w.windowStart / HOUR) * HOUR));
    const before = new Set<number>();
    const after: number[] = [];
    windows.forEach((w, i) => {
      const old = completedBucket(w.windowStart, w.windowEnd, HOUR);
      if (old) before.add(old.start);
      after.push(...starts(bucketsSettledBy(w, windows[i - 1] ?? null, HOUR)));
    });
    const last = windows[windows.length - 1];
    const clocked = bucketDueOnClock({ lastWindowEnd: last.windowEnd, windowMs: MIN, lastClosedAt: last.windowEnd + 15_000 }, HOUR, t0 + hours * HOUR + HOUR, 45_000);
    if (clocked) after.push(clocked.start);
    return { hours: withWindows.size, before: before.size / withWindows.size, after: new Set(after).size / withWindows.size, judgements: after.length };
  }

  it('random quiet minutes (p = 1/3, seeded): about 2/3 of the hours before, all of them once each after', () => {
    const random = seededRandom(9).uniform;
    const active = Array.from({ length: 10_000 * 60 }, () => random() < 2 / 3);
    const r = simulate((m) => active[m], 10_000);
    console.info(`rollup coverage, random quiet minutes: ${r.hours} hours, judged before ${(100 * r.before).toFixed(1)} %, after ${(100 * r.after).toFixed(1)} %`);
    expect(r.before).toBeGreaterThan(0.64);
    expect(r.before).toBeLessThan(0.69);
    expect(r.after).toBe(1);
    expect(r.judgements).toBe(r.hours);
  });

  it('a fixed rhythm quiet every third minute: no hour before (minute 59 is always quiet), every hour after', () => {
    const r = simulate((m) => m % 3 !== 2, 1000);
    console.info(`rollup coverage, every third minute quiet: ${r.hours} hours, judged before ${(100 * r.before).toFixed(1)} %, after ${(100 * r.after).toFixed(1)} %`);
    expect(r.before).toBe(0);
    expect(r.after).toBe(1);
  });
});

