import { describe, expect, it } from 'vitest';
import { modelActivity, silentSlot, type ModelActivity, type SilenceTiming, type VersionActivity } from './silence-rule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.UTC(2026, 10, 26, 14, 0, 30);
/** Minute windows; grace 10 s + out-of-orderness 5 s + idle close 30 s. */
const TIMING: SilenceTiming = { windowMs: MINUTE, slackMs: 45_000, lookbackMs: 24 * HOUR };

const model = (lastClosedAt: number, lastWindowEnd: number | null = null): ModelActivity => ({ modelId: 'm', modelVersion: '1', lastClosedAt, lastWindowEnd });

describe('silentSlot: silence judged on processing time', () => {
  it('is silent once no window closed for more than afterWindows window sizes plus the slack', () => {
    const limit = 3 * MINUTE + 45_000;
    expect(silentSlot(model(NOW - limit), 3, NOW, TIMING)).toBeNull();
    expect(silentSlot(model(NOW - limit - 1), 3, NOW, TIMING)).toEqual({ start: Date.UTC(2026, 10, 26, 13, 59), end: Date.UTC(2026, 10, 26, 14, 0) });
    expect(silentSlot(model(NOW - limit - 1), 4, NOW, TIMING)).toBeNull();
  });

  it('ignores event time: windows hours old in event time that just closed (backfill, catch-up) are not silence', () => {
    // The bug this rule replaces: comparing the clock with the event-time end of the last window.
    const backfilled = model(NOW - 5_000, NOW - 3 * HOUR);
    expect(silentSlot(backfilled, 3, NOW, TIMING)).toBeNull();
    expect(silentSlot(backfilled, 1, NOW + 10 * MINUTE, TIMING)).toEqual({ start: NOW + 9 * MINUTE - 30_000, end: NOW + 10 * MINUTE - 30_000 });
  });

  it('reports the last whole clock slot, so each slot is published at most once and later checks move on', () => {
    const m = model(NOW - HOUR);
    const first = silentSlot(m, 3, NOW, TIMING);
    expect(silentSlot(m, 3, NOW + 29_000, TIMING)).toEqual(first);
    expect(silentSlot(m, 3, NOW + 30_000, TIMING)?.start).toBe((first?.start ?? NaN) + MINUTE);
  });

  it('waits while the slot would start before the last window ends: in real time that window covers it', () => {
    // Traffic stopped mid-window: idle close at NOW - 5 min closed a window ending at NOW + 1 min.
    expect(silentSlot(model(NOW - 5 * MINUTE, NOW + MINUTE), 3, NOW, TIMING)).toBeNull();
    expect(silentSlot(model(NOW - 5 * MINUTE, NOW + MINUTE), 3, NOW + 3 * MINUTE, TIMING)).not.toBeNull();
  });

  it('leaves retired models alone: a last close older than the lookback', () => {
    expect(silentSlot(model(NOW - 24 * HOUR), 3, NOW, TIMING)).not.toBeNull();
    expect(silentSlot(model(NOW - 24 * HOUR - 1), 3, NOW, TIMING)).toBeNull();
  });
});

describe('modelActivity', () => {
  const v = (modelVersion: string, lastClosedAt: number | null, lastWindowEnd: number | null, hasBaseline = true, modelId = 'm'): VersionActivity => ({
    modelId,
    modelVersion,
    hasBaseline,
    lastClosedAt,
    lastWindowEnd,
  });

  it('judges a model on its most recent close over all versions: moving to a new version is not silence', () => {
    expect(modelActivity([v('6', NOW - HOUR, NOW - HOUR), v('7', NOW - MINUTE, NOW - 2 * MINUTE, false)])).toEqual([
      { modelId: 'm', modelVersion: '7', lastClosedAt: NOW - MINUTE, lastWindowEnd: NOW - 2 * MINUTE },
    ]);
    // Evidence: the latest event-time end of any version, even one that closed earlier.
    expect(modelActivity([v('6', NOW - HOUR, NOW + HOUR), v('7', NOW - MINUTE, NOW - 2 * MINUTE)])[0]).toMatchObject({ modelVersion: '7', lastWindowEnd: NOW + HOUR });
  });

  it('watches only models with a baseline and a closed window', () => {
    expect(modelActivity([v('1', NOW, NOW, false, 'no-baseline'), v('1', null, null, true, 'never-closed'), v('2', NOW, NOW, true, 'a')]).map((m) => m.modelId)).toEqual(['a']);
  });
});
