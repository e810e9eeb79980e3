import { decodeInferenceEvent } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';
import { EventClock } from './event-clock';
import { runSimulation } from './run-simulation';
import { parseSimulateOptions } from './simulate-options';

describe('EventClock', () => {
  it('at time scale 1 stamps each event with the moment it is due', () => {
    const clock = new EventClock(1_000_000, 100, 50, 1);
    for (const i of [0, 1, 37, 99]) expect(clock.stamp(i)).toBe(clock.dueAt(i));
    expect(clock.dueAt(99)).toBe(1_000_000 + 1980);
  });

  it('with a larger scale spreads event time over scale × the run, never after the due time', () => {
    // 1000 events at 100/s: 10 s of sending, × 30 = 300 s of event time.
    const clock = new EventClock(1_000_000, 1000, 100, 30);
    expect(clock.spanMs).toBe(300_000);
    expect(clock.stamp(0)).toBe(1_000_000 - 290_000);
    expect(clock.stamp(999)).toBe(1_000_000 - 290_000 + 299_700);
    for (let i = 0; i < 1000; i++) expect(clock.stamp(i)).toBeLessThanOrEqual(clock.dueAt(i));
  });
});

/** 2026-11-01T00:00:00Z: a whole second, so window boundaries are predictable. */
const T0 = Date.UTC(2026, 10, 1);

describe('runSimulation', () => {
  const options = (extra: Record<string, string> = {}) =>
    parseSimulateOptions({ model: 'm', events: '250', rate: '100', drift: 'shift', driftAfter: '0.4', ...extra }, { DRIFTWATCH_WINDOW_SECONDS: '1' }, false);

  function fakeTime() {
    let now = T0;
    return { now: () => now, sleep: async (ms: number) => void (now += ms), advance: (ms: number) => (now += ms), get: () => now };
  }

  it('sends every event in batches of a tenth of a second, none before its time', async () => {
    const time = fakeTime();
    const sent: { at: number; timestamps: number[]; keys: string[] }[] = [];
    const result = await runSimulation(
      options(),
      {
        send: async (batch) => {
          sent.push({ at: time.get(), keys: batch.map((r) => r.key), timestamps: batch.map((r) => (decodeInferenceEvent(r.value, { format: 'json' }) as { ok: true; event: { timestamp: number } }).event.timestamp) });
        },
      },
      { now: time.now, sleep: time.sleep, runId: 'r' },
    );
    expect(sent.map((b) => b.timestamps.length)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    for (const b of sent) for (const t of b.timestamps) expect(t).toBeLessThanOrEqual(b.at);
    expect(new Set(sent.flatMap((b) => b.keys))).toEqual(new Set(['m']));
    expect(result).toMatchObject({ sent: 250, interrupted: false, firstEventTime: T0, lastEventTime: T0 + 2490, driftStartTime: T0 + 1000 });
    // 2.49 s of event time in 1 s windows starting at an epoch-aligned second: 3 windows.
    expect(result.windows).toBe(3);
  });

  it('stops between batches when asked, reporting what was sent', async () => {
    const time = fakeTime();
    let batches = 0;
    const result = await runSimulation(options(), { send: async () => void batches++ }, { now: time.now, sleep: time.sleep, stopped: () => batches >= 3 });
    expect(result).toMatchObject({ sent: 30, interrupted: true, driftStartTime: null });
  });
});
