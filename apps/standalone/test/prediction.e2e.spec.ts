// End to end through the standalone process, a real Kafka broker and the embedded ClickHouse
// engine: a baseline made with a prediction column watches the events' `prediction`. Clean
// windows raise nothing; windows whose scores moved (features unchanged) raise one
// `prediction_drift` incident (feature null, evidence naming @prediction) on
// driftwatch.incidents, resolved once the scores are clean again. An event whose features use
// the reserved name is dead-lettered.
import { PREDICTION_FEATURE, buildBaseline, columnsFromRecords, type BaselineStats } from '@driftwatch/stats';
import { decodeEvaluation, decodeIncidentEvent, type EvaluationMessage, type IncidentEvent } from '@driftwatch/contracts';
import { sendRecords } from '@driftwatch/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMetricsText, samples } from './metrics-text.test-util';
import { startStandalone, waitFor, type StandaloneEnv, type TopicReader } from './standalone-harness.test-util';
import { IMPORTANCE, generator, trainingRows, windowEvents, type RawEvent } from './synthetic-model.test-util';

const MODEL = 'scores-e2e';
const VERSION = '1';
const BASELINE_ID = 'train-with-scores';
const WINDOW_MS = 60_000;
/** Windows of more than 1000 events: every window's distances are judged. */
const EVENTS_PER_WINDOW = 1500;
const RESOLVE_AFTER = 2;
/** Event time in the past (the aggregator dead-letters events from the future), inside one hour. */
const T0 = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000;
const windowStart = (i: number) => T0 + i * WINDOW_MS;
const windowIndex = (start: number) => (start - T0) / WINDOW_MS;

/**
 * true: the window's scores are moved to the upper half of [0, 1) (0.5 + p / 2), features
 * untouched. The synthetic model's clean scores are uniform on [0, 1), as its training scores
 * below: a shift of the mean by 0.25 = 0.87 baseline std and a halved spread, so Wasserstein
 * ≈ 0.87 ≥ 0.25, critical under the default rule; the scores stay inside the baseline's
 * range (no out_of_range).
 */
const PLAN = [false, false, false, true, true, false, false];
const LAST = PLAN.length - 1;
const CLOSING_EVENTS = 5;

let env: StandaloneEnv;
let incidentsTopic: TopicReader;
let evaluationsTopic: TopicReader;
let dlqTopic: TopicReader;
let stats: BaselineStats;

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

function eventsOf(index: number): RawEvent[] {
  const events = windowEvents({ modelId: MODEL, modelVersion: VERSION, index, windowStart: windowStart(index), windowMs: WINDOW_MS, count: EVENTS_PER_WINDOW, failure: null, incomeShift: 0 });
  return PLAN[index] ? events.map((e) => ({ ...e, prediction: round4(0.5 + e.prediction / 2) })) : events;
}

function evaluations(): EvaluationMessage[] {
  return evaluationsTopic.messages
    .map((m) => decodeEvaluation(m.value, { maxBytes: 16 * 1024 * 1024 }))
    .flatMap((d) => (d.ok && d.event.modelId === MODEL ? [d.event] : []));
}

function incidents(): IncidentEvent[] {
  return incidentsTopic.messages.flatMap((m) => {
    const decoded = decodeIncidentEvent(m.value);
    if (!decoded.ok) throw new Error(`undecodable incident event at offset ${m.offset}: ${decoded.reason}`);
    return decoded.event.modelId === MODEL ? [decoded.event] : [];
  });
}

const report = () =>
  evaluations()
    .map((e) => `  ${windowIndex(e.windowStart)}: ${e.findings.map((f) => `${f.kind}/${f.feature} ${f.severity} ${f.metric}=${f.value}`).join(', ') || '-'}`)
    .join('\n');

beforeAll(async () => {
  // Training rows with the model's scores beside them, from the same distribution as the clean windows'.
  const scores = generator(4242);
  const rows = trainingRows(5000).map((r) => ({ ...r, score_out: round4(scores.uniform()) }));
  const { columns, kinds } = columnsFromRecords(rows);
  stats = buildBaseline(columns, { importance: IMPORTANCE, kinds, prediction: 'score_out' });
  env = await startStandalone('prediction-e2e', {
    DRIFTWATCH_WINDOW_SECONDS: '60',
    DRIFTWATCH_WINDOW_OUT_OF_ORDERNESS_SECONDS: '1',
    DRIFTWATCH_WINDOW_GRACE_SECONDS: '1',
    DRIFTWATCH_WINDOW_IDLE_CLOSE_SECONDS: '600',
  });
  [incidentsTopic, evaluationsTopic, dlqTopic] = await Promise.all([
    env.read(env.config.topics.incidents),
    env.read(env.config.topics.evaluations),
    env.read(env.config.topics.dlq),
  ]);
}, 120_000);

afterAll(async () => {
  await env?.close();
});

/** Windows from..through, then the first events of the next one (they close `through`), which a later call skips. */
async function produce(from: number, through: number, skipFirst: number, extra: RawEvent[] = []): Promise<void> {
  const windows = Array.from({ length: through - from + 1 }, (_, k) => eventsOf(from + k).slice(k === 0 ? skipFirst : 0));
  const events = [...windows.flat(), ...eventsOf(through + 1).slice(0, CLOSING_EVENTS), ...extra];
  await sendRecords(
    env.producer,
    env.config.topics.events,
    events.map((e) => ({ key: e.modelId, value: Buffer.from(JSON.stringify(e)) })),
  );
}

async function settle(through: number): Promise<void> {
  await waitFor(`evaluations of windows 0..${through}`, () => new Set(evaluations().map((e) => e.windowStart)).size >= through + 1, 60_000, report);
  await waitFor('the alerter to apply every evaluation', () => env.drained(env.config.kafka.groups.alerter, env.config.topics.evaluations), 30_000);
  await waitFor('every incident event to be read', () => incidentsTopic.caughtUp(), 30_000);
}

describe('prediction drift, from events to incidents', () => {
  it('stores the baseline with its prediction feature through the API', async () => {
    expect(stats.features.map((f) => `${f.name}:${f.kind}`)).toEqual([
      'income:numeric',
      'age:numeric',
      'region:categorical',
      'score:numeric',
      'amount:numeric',
      'channel:categorical',
      `${PREDICTION_FEATURE}:numeric`,
    ]);
    const created = await env.json('POST', `/api/models/${MODEL}/versions/${VERSION}/baselines`, {
      baselineId: BASELINE_ID,
      rowCount: stats.rowCount,
      source: 'synthetic:prediction-e2e',
      features: stats.features,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const policy = await env.json('PUT', `/api/models/${MODEL}/policy`, { alerting: { openAfter: 1, resolveAfter: RESOLVE_AFTER }, rollup: { enabled: false } });
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
  });

  it('raises nothing on clean windows, then one critical prediction_drift when the scores move', async () => {
    const reserved: RawEvent = { ...eventsOf(4)[0], eventId: 'reserved-name', features: { income: 1, [PREDICTION_FEATURE]: 0.5 } as RawEvent['features'] };
    await produce(0, 4, 0, [reserved]);
    await settle(4);
    const byWindow = new Map(evaluations().map((e) => [windowIndex(e.windowStart), e]));
    for (const i of [0, 1, 2]) expect(byWindow.get(i)?.findings, report()).toEqual([]);
    for (const i of [3, 4]) {
      const e = byWindow.get(i) as EvaluationMessage;
      expect(e.findings.map((f) => [f.kind, f.feature, f.severity]), report()).toEqual([['prediction_drift', null, 'critical']]);
      // Features did not move: no data drift, and the prediction is not in the dataset share.
      expect(e.dataset.driftShare).toBe(0);
      expect(e.features.find((f) => f.name === PREDICTION_FEATURE)?.drift).toMatchObject({ detected: true, method: 'wasserstein' });
    }

    const events = incidents();
    expect(events.map((e) => [e.eventType, e.kind, e.feature, e.severity, windowIndex(e.windowStart)])).toEqual([['opened', 'prediction_drift', null, 'critical', 3]]);
    const evidence = events[0].evidence;
    expect(evidence).toMatchObject({ kind: 'prediction_drift', feature: null, metric: 'wasserstein', threshold: 0.1, details: { feature: PREDICTION_FEATURE } });
    expect(evidence.value).toBeGreaterThan(0.7);
    expect(evidence.message).toMatch(/^prediction \(@prediction\): wasserstein/);

    // The prediction's drift score is exported like a feature's.
    const metrics = parseMetricsText(await (await fetch(`${env.baseUrl}/metrics`)).text());
    const score = samples(metrics, 'driftwatch_feature_drift_score', { model: MODEL, feature: PREDICTION_FEATURE, method: 'wasserstein' });
    expect(score.map((s) => s.value > 0.7)).toEqual([true]);
    expect(samples(metrics, 'driftwatch_incidents_open', { model: MODEL, kind: 'prediction_drift' }).map((s) => [s.labels.severity, s.value])).toEqual([['critical', 1]]);

    // An event using the reserved feature name is refused whole, into the DLQ.
    await waitFor('the refused event in the DLQ', () => dlqTopic.messages.some((m) => m.value.toString('utf8').includes('"reserved-name"')), 30_000);
  });

  it('resolves the incident once the scores are clean again', async () => {
    await produce(5, LAST, CLOSING_EVENTS);
    await settle(LAST);
    for (const i of [5, 6]) expect(evaluations().find((e) => windowIndex(e.windowStart) === i)?.findings, report()).toEqual([]);
    const events = incidents();
    expect(events.map((e) => [e.eventType, e.kind, e.feature, windowIndex(e.windowStart)])).toEqual([
      ['opened', 'prediction_drift', null, 3],
      // The last bad window is 4: resolved at the RESOLVE_AFTER-th clean one after it.
      ['resolved', 'prediction_drift', null, 4 + RESOLVE_AFTER],
    ]);
    expect(events[1]).toMatchObject({ incidentId: events[0].incidentId, badWindows: 2, status: 'resolved' });
  });
});
