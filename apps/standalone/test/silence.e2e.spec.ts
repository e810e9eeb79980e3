// End to end through the standalone process, a real Kafka broker and the embedded ClickHouse
// engine, with the silence timer on: a model that stops sending gets a `silence` incident, and
// when its traffic comes back, as a backlog hours old in event time, those windows are still
// judged (a drift in them is raised) and the silence resolves. Small clean windows (300 events)
// raise nothing: their distances are reported, and within a clean window's noise (the calibrated decision).
import { buildBaseline, columnsFromRecords, type BaselineStats } from '@driftwatch/stats';
import { decodeEvaluation, decodeIncidentEvent, type EvaluationMessage, type IncidentEvent } from '@driftwatch/contracts';
import { sendRecords } from '@driftwatch/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandalone, waitFor, type StandaloneEnv, type TopicReader } from './standalone-harness.test-util';
import { IMPORTANCE, trainingRows, windowEvents, type Failure, type RawEvent } from './synthetic-model.test-util';

const MODEL = 'silent-e2e';
const VERSION = '1';
/** Short windows, so that "no window closed for 2 windows plus the 1 s idle close" is 5 s. */
const WINDOW_MS = 2_000;
const AFTER_WINDOWS = 2;
const SMALL = 300;
const LARGE = 1_500;
/** Event time: hours before now, as a backfill or a backlog after an outage would be. */
const T0 = Math.floor((Date.now() - 3 * 3_600_000) / WINDOW_MS) * WINDOW_MS;
const windowIndex = (start: number) => (start - T0) / WINDOW_MS;

/** Before the silence: four small clean windows. After it: a gap in event time, then these. */
const BEFORE: [number, Failure | null, number][] = [
  [0, null, SMALL],
  [1, null, SMALL],
  [2, null, SMALL],
  [3, null, SMALL],
];
const AFTER: [number, Failure | null, number][] = [
  [10, null, SMALL],
  [11, 'income-shift', LARGE],
  [12, null, SMALL],
  [13, null, SMALL],
];

let env: StandaloneEnv;
let incidentsTopic: TopicReader;
let evaluationsTopic: TopicReader;
let stats: BaselineStats;

/** A window's events, spread evenly over its 2 s; the last window of a burst closes by idle timeout. */
function eventsOf([index, failure, count]: [number, Failure | null, number]): RawEvent[] {
  const incomeShift = 2 * (stats.features.find((f) => f.name === 'income')?.std ?? NaN);
  const start = T0 + index * WINDOW_MS;
  return windowEvents({ modelId: MODEL, modelVersion: VERSION, index, windowStart: start, windowMs: 60_000, count, failure, incomeShift }).map((e, k) => ({
    ...e,
    timestamp: start + Math.floor((k * WINDOW_MS) / count),
  }));
}

async function send(windows: [number, Failure | null, number][]): Promise<void> {
  const events = windows.flatMap(eventsOf);
  await sendRecords(
    env.producer,
    env.config.topics.events,
    events.map((e) => ({ key: e.modelId, value: Buffer.from(JSON.stringify(e)) })),
  );
}

function evaluations(): EvaluationMessage[] {
  return evaluationsTopic.messages
    .map((m) => decodeEvaluation(m.value, { maxBytes: 16 * 1024 * 1024 }))
    .flatMap((d) => (d.ok && d.event.modelId === MODEL ? [d.event] : []));
}

const windowsEvaluated = () => evaluations().filter((e) => e.eventCount > 0);
const timerSilences = () => evaluations().filter((e) => e.eventCount === 0);

function incidents(): IncidentEvent[] {
  return incidentsTopic.messages.flatMap((m) => {
    const decoded = decodeIncidentEvent(m.value);
    if (!decoded.ok) throw new Error(`undecodable incident event at offset ${m.offset}: ${decoded.reason}`);
    return decoded.event.modelId === MODEL ? [decoded.event] : [];
  });
}

const report = () =>
  evaluations()
    .map((e) => `  ${e.eventCount === 0 ? 'timer' : `window ${windowIndex(e.windowStart)}`}: ${e.findings.map((f) => `${f.kind}/${f.feature} ${f.severity}`).join(', ') || '-'}`)
    .join('\n');

async function settle(windows: number): Promise<void> {
  await waitFor(`${windows} window evaluations`, () => windowsEvaluated().length >= windows, 30_000, report);
  await waitFor('the alerter to apply every evaluation', () => env.drained(env.config.kafka.groups.alerter, env.config.topics.evaluations), 30_000);
  await waitFor('every incident event to be read', () => incidentsTopic.caughtUp(), 30_000);
}

beforeAll(async () => {
  const { columns, kinds } = columnsFromRecords(trainingRows(5000));
  stats = buildBaseline(columns, { importance: IMPORTANCE, kinds });
  env = await startStandalone('silence-e2e', {
    DRIFTWATCH_WINDOW_SECONDS: String(WINDOW_MS / 1000),
    DRIFTWATCH_WINDOW_OUT_OF_ORDERNESS_SECONDS: '0',
    DRIFTWATCH_WINDOW_GRACE_SECONDS: '0',
    DRIFTWATCH_WINDOW_IDLE_CLOSE_SECONDS: '1',
    DRIFTWATCH_AGGREGATOR_FLUSH_MS: '200',
    DRIFTWATCH_SILENCE_CHECK_MS: '250',
  });
  [incidentsTopic, evaluationsTopic] = await Promise.all([env.read(env.config.topics.incidents), env.read(env.config.topics.evaluations)]);
  const baseline = await env.json('POST', `/api/models/${MODEL}/versions/${VERSION}/baselines`, {
    baselineId: 'train-silence-e2e',
    rowCount: stats.rowCount,
    source: 'synthetic:silence-e2e',
    features: stats.features,
  });
  expect(baseline.status, JSON.stringify(baseline.body)).toBe(201);
  const policy = await env.json('PUT', `/api/models/${MODEL}/policy`, {
    minWindowEvents: 100,
    silence: { afterWindows: AFTER_WINDOWS },
    alerting: { openAfter: 1, resolveAfter: 3 },
    rollup: { enabled: false },
  });
  expect(policy.status, JSON.stringify(policy.body)).toBe(200);
}, 120_000);

afterAll(async () => {
  await env?.close();
});

/** When the first test's events were all sent (wall clock). */
let lastSentAt = 0;

describe('silence, end to end, with the timer on', () => {
  it('small clean windows raise nothing: their distances are reported, within a clean window’s noise', async () => {
    await send(BEFORE);
    lastSentAt = Date.now();
    await settle(BEFORE.length);
    const windows = windowsEvaluated();
    expect(windows.map((e) => [windowIndex(e.windowStart), e.eventCount, e.judged])).toEqual(BEFORE.map(([i]) => [i, SMALL, true]));
    for (const e of windows) expect(e.findings, report()).toEqual([]);
    // Sampling noise alone: these seeded windows hold distances that the default 0.1 would call drift.
    const noisy = windows.flatMap((e) => e.features.filter((f) => f.kind === 'numeric' && (f.metrics.wasserstein ?? 0) >= 0.1));
    expect(noisy.length, 'a clean 300-event window with Wasserstein >= 0.1').toBeGreaterThan(0);
    expect(noisy.every((f) => !f.drift.detected)).toBe(true);
    expect(incidents()).toEqual([]);
  });

  it('opens a silence incident once no window closed for afterWindows window sizes, although the windows are hours old in event time', async () => {
    // The silence counts from the last window's close, which follows the last event sent (by
    // the 1 s idle close), not from the end of the previous test: under load that can be seconds later.
    const stoppedAt = lastSentAt;
    await waitFor('a silence incident', () => incidents().some((e) => e.kind === 'silence'), 30_000, report);
    const [opened] = incidents();
    expect(opened).toMatchObject({ eventType: 'opened', kind: 'silence', feature: null, severity: 'critical', modelVersion: VERSION, granularity: 'window' });
    expect(opened.evidence.message).toMatch(/^no window closed since \S+ \(\d+ min\); the last one ended at \S+ event time$/);
    // Its window is a slot of the clock, hours after the windows' event times.
    expect(opened.windowStart).toBeGreaterThanOrEqual(Math.floor(stoppedAt / WINDOW_MS) * WINDOW_MS - WINDOW_MS);
    const silence = timerSilences()[0];
    expect(silence).toMatchObject({ eventCount: 0, judged: false, features: [], windowStart: opened.windowStart });
    // Not before afterWindows window sizes plus the 1 s idle close of the last window.
    expect(silence.evaluatedAt - stoppedAt).toBeGreaterThan(AFTER_WINDOWS * WINDOW_MS);
  });

  it('judges the backlog that arrives after the silence (drift in it is raised) and resolves the silence after three windows with events', async () => {
    await send(AFTER);
    await settle(BEFORE.length + AFTER.length);
    const windows = windowsEvaluated();
    expect(windows.map((e) => windowIndex(e.windowStart))).toEqual([...BEFORE, ...AFTER].map(([i]) => i));

    const events = incidents();
    const steps = events.map((e) => [e.eventType, e.kind, e.feature, e.kind === 'silence' && e.eventType === 'opened' ? 'clock slot' : windowIndex(e.windowStart)]);
    // The drifted window (1500 events, income moved by 2 std, a top feature) is older in event
    // time than the silence's slot, and still applied; the silence resolves at the third window
    // with events (10, 11, 12). A new silence may follow once the traffic stopped again.
    expect(steps.slice(0, 3), report()).toEqual([
      ['opened', 'silence', null, 'clock slot'],
      ['opened', 'data_drift', 'income', 11],
      ['resolved', 'silence', null, 12],
    ]);
    expect(events.slice(3).every((e) => e.kind === 'silence' && e.eventType !== 'resolved' && e.windowStart > events[0].windowStart)).toBe(true);
    expect(events[1]).toMatchObject({ severity: 'critical', evidence: { metric: 'wasserstein' } });
    const [opened, , resolved] = events;
    expect(resolved).toMatchObject({ incidentId: opened.incidentId, status: 'resolved' });
    expect(resolved.resolvedAt).toBeGreaterThanOrEqual(opened.openedAt);
    // The small clean windows after the silence raised nothing either.
    for (const e of windows.filter((x) => x.eventCount === SMALL)) expect(e.findings, report()).toEqual([]);
  });
});
