import { decodeInferenceEvent, decodeLabelEvent } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error';
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

describe('runSimulation --drift concept: labels', () => {
  const options = (extra: Record<string, string> = {}) =>
    parseSimulateOptions({ model: 'm', events: '200', rate: '100', drift: 'concept', labelDelay: '500ms', labelShare: '0.5', ...extra }, { DRIFTWATCH_WINDOW_SECONDS: '1' }, false);

  function fakeTime() {
    let now = T0;
    return { now: () => now, sleep: async (ms: number) => void (now += ms), get: () => now };
  }

  interface Sent {
    at: number;
    eventId: string;
    timestamp: number;
    label?: unknown;
  }

  async function simulate(opts: ReturnType<typeof options>, stopAfter?: number) {
    const time = fakeTime();
    const events: Sent[] = [];
    const labels: Sent[] = [];
    let batches = 0;
    const result = await runSimulation(
      opts,
      {
        send: async (batch) => {
          batches++;
          for (const r of batch) {
            const d = decodeInferenceEvent(r.value, { format: 'json' });
            if (!d.ok) throw new Error('bad event');
            events.push({ at: time.get(), eventId: d.event.eventId, timestamp: d.event.timestamp });
          }
        },
      },
      { now: time.now, sleep: time.sleep, runId: 'r', stopped: () => stopAfter !== undefined && batches >= stopAfter },
      {
        send: async (batch) => {
          batches++;
          for (const r of batch) {
            expect(r.key).toBe('m');
            const d = decodeLabelEvent(r.value, { format: 'json' });
            if (!d.ok) throw new Error('bad label');
            expect(d.event.modelId).toBe('m');
            labels.push({ at: time.get(), eventId: d.event.eventId, timestamp: d.event.timestamp, label: d.event.label });
          }
        },
      },
    );
    return { result, events, labels, end: time.get() };
  }

  it('sends each label of a labelled event --label-delay after its event, never before, and stays until the last one', async () => {
    const { result, events, labels, end } = await simulate(options());
    const sentAt = new Map(events.map((e) => [e.eventId, e.at]));
    const dueAt = (eventId: string) => T0 + Math.ceil((Number(eventId.split('-')[1]) * 1000) / 100) + 500;
    for (const l of labels) {
      expect(sentAt.has(l.eventId)).toBe(true);
      // Stamped with its due time: 500 ms after its event was due; sent no earlier, and within a batch after.
      expect(l.timestamp).toBe(dueAt(l.eventId));
      expect(l.at).toBeGreaterThanOrEqual(l.timestamp);
      expect(l.at - l.timestamp).toBeLessThanOrEqual(100);
      expect(typeof l.label).toBe('boolean');
    }
    expect(new Set(labels.map((l) => l.eventId)).size).toBe(labels.length);
    // About half the events are labelled (binomial, 200 draws: within 4 standard errors).
    expect(Math.abs(labels.length - 100)).toBeLessThan(4 * Math.sqrt(200 * 0.25));
    expect(result.labels).toEqual({ sent: labels.length, unlabelled: 200 - labels.length, dropped: 0 });
    // The run ends with the last label: the last event is due at +1990 ms, its label 500 ms later.
    expect(Math.max(...labels.map((l) => l.at))).toBe(end);
    expect(end).toBeGreaterThan(T0 + 1_990);
  });

  it('sends every label with --label-share 1, even with no delay', async () => {
    const { labels, events } = await simulate(options({ labelShare: '1', labelDelay: '0s' }));
    expect(labels.map((l) => l.eventId)).toEqual(events.map((e) => e.eventId));
  });

  it('counts the labels still due when it is interrupted', async () => {
    const { result } = await simulate(options({ labelShare: '1', labelDelay: '2m' }), 5);
    expect(result.interrupted).toBe(true);
    expect(result.labels).toEqual({ sent: 0, unlabelled: 0, dropped: 50 });
  });

  it('publishes no labels for the other scenarios', async () => {
    const opts = parseSimulateOptions({ model: 'm', events: '50', rate: '100', drift: 'shift' }, {}, false);
    expect(opts.labels).toBeNull();
    let labelled = 0;
    const result = await runSimulation(opts, { send: async () => undefined }, fakeTime(), { send: async (b) => void (labelled += b.length) });
    expect(labelled).toBe(0);
    expect(result.labels).toEqual({ sent: 0, unlabelled: 0, dropped: 0 });
  });
});

describe('parseSimulateOptions: labels', () => {
  const parse = (extra: Record<string, string>, env: NodeJS.ProcessEnv = {}) => parseSimulateOptions({ model: 'm', drift: 'concept', ...extra }, env, false);

  it('defaults to labels 30 s after their event for 80% of the events, on inference-labels', () => {
    expect(parse({}).labels).toEqual({ delayMs: 30_000, share: 0.8, topic: 'inference-labels' });
    expect(parse({}, { DRIFTWATCH_TOPIC_LABELS: 'truth' }).labels?.topic).toBe('truth');
  });

  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1.5s', 1_500],
    ['0s', 0],
    ['1h', 3_600_000],
  ])('reads --label-delay %s as %i ms', (text, ms) => {
    expect(parse({ labelDelay: text }).labels?.delayMs).toBe(ms);
  });

  it.each([
    [{ labelDelay: '30' }, /^--label-delay must be a duration with its unit \(e\.g\. 500ms, 30s, 2m\) of at most 1h, got "30"$/],
    [{ labelDelay: 'soon' }, /^--label-delay must be a duration with its unit/],
    [{ labelDelay: '-5s' }, /^--label-delay must be a duration/],
    [{ labelDelay: '2h' }, /of at most 1h, got "2h"$/],
    [{ labelShare: '1.5' }, /^--label-share must be a number from 0 to 1, got "1\.5"$/],
    [{ labelShare: 'most' }, /^--label-share must be a number from 0 to 1/],
    [{ labelShare: '0' }, /^--label-share must be above 0/],
    [{ labelsTopic: 'bad topic' }, /^--labels-topic must be a Kafka topic name/],
    [{ labelsTopic: 'inference-events' }, /^--labels-topic and --topic both name "inference-events"/],
    [{ drift: 'shift', labelDelay: '30s' }, /^--label-delay applies to --drift concept only/],
    [{ drift: 'none', labelShare: '0.5' }, /^--label-share applies to --drift concept only/],
  ])('rejects %j', (extra, message) => {
    expect(() => parse(extra)).toThrow(CliError);
    expect(() => parse(extra)).toThrow(message);
  });
});
