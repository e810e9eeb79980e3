// End to end through the standalone process, a real Kafka broker and the embedded ClickHouse
// engine: concept drift. The features and the model's scores keep their training distribution
// for the whole run while the relation between the score and the label flips half-way. Labels
// arrive on inference-labels after their windows closed, for 80 % of the events. The data-drift
// checks stay quiet; the performance loop joins the labels to the stored predictions, judges
// each window's ROC AUC against the baseline's, and one `performance_degradation` incident opens
// on driftwatch.incidents, with the performance and label-coverage gauges on /metrics.
import { PREDICTION_FEATURE, buildBaseline, columnsFromRecords } from '@driftwatch/stats';
import { computePerformance, inferTask } from '@driftwatch/evaluation';
import { decodeEvaluation, decodeIncidentEvent, type EvaluationMessage, type IncidentEvent, type LabelledPrediction } from '@driftwatch/contracts';
import { sendRecords } from '@driftwatch/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMetricsText, samples } from './metrics-text.test-util';
import { startStandalone, waitFor, type StandaloneEnv, type TopicReader } from './standalone-harness.test-util';
import { IMPORTANCE, generator, trainingRows, windowEvents, type RawEvent } from './synthetic-model.test-util';

const MODEL = 'concept-e2e';
const VERSION = '1';
const WINDOW_MS = 60_000;
/** Windows of more than 1000 events: the features' distances are judged in every window, and stay clean. */
const EVENTS_PER_WINDOW = 1500;
/** Windows 0–2 keep the training relation, 3–5 have it flipped. */
const FLIP_AT = 3;
const LAST = 5;
const LABEL_SHARE = 0.8;
const LABEL_DELAY_MS = 30_000;
const T0 = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000;
const windowStart = (i: number) => T0 + i * WINDOW_MS;
const windowIndex = (start: number) => (start - T0) / WINDOW_MS;

/** The label agrees with the model's decision (score ≥ 0.5) with this probability. */
const agreement = (flipped: boolean) => (flipped ? 0.1 : 0.9);
const labelOf = (score: number, u: number, flipped: boolean): number => ((score >= 0.5) === u < agreement(flipped) ? 1 : 0);

let env: StandaloneEnv;
let incidentsTopic: TopicReader;
let evaluationsTopic: TopicReader;

function eventsOf(index: number): RawEvent[] {
  return windowEvents({ modelId: MODEL, modelVersion: VERSION, index, windowStart: windowStart(index), windowMs: WINDOW_MS, count: EVENTS_PER_WINDOW, failure: null, incomeShift: 0 });
}

function evaluations(subject: 'data' | 'performance'): EvaluationMessage[] {
  return evaluationsTopic.messages
    .map((m) => decodeEvaluation(m.value, { maxBytes: 16 * 1024 * 1024 }))
    .flatMap((d) => (d.ok && d.event.modelId === MODEL && (d.event.subject ?? 'data') === subject ? [d.event] : []));
}

function incidents(): IncidentEvent[] {
  return incidentsTopic.messages.flatMap((m) => {
    const decoded = decodeIncidentEvent(m.value);
    if (!decoded.ok) throw new Error(`undecodable incident event at offset ${m.offset}: ${decoded.reason}`);
    return decoded.event.modelId === MODEL ? [decoded.event] : [];
  });
}

const report = () =>
  [...evaluations('data'), ...evaluations('performance')]
    .map((e) => `  ${e.subject ?? 'data'} ${windowIndex(e.windowStart)}: judged=${e.judged} ${e.performance ? `${e.performance.metric}=${e.performance.value} labelled=${e.performance.labelled}` : ''} ${e.findings.map((f) => `${f.kind}/${f.feature} ${f.severity} ${f.metric}=${f.value}`).join(', ') || '-'}`)
    .join('\n');

beforeAll(async () => {
  env = await startStandalone('concept-e2e', {
    DRIFTWATCH_WINDOW_SECONDS: '60',
    DRIFTWATCH_WINDOW_OUT_OF_ORDERNESS_SECONDS: '1',
    DRIFTWATCH_WINDOW_GRACE_SECONDS: '1',
    DRIFTWATCH_WINDOW_IDLE_CLOSE_SECONDS: '600',
    DRIFTWATCH_PERFORMANCE_INTERVAL_MS: '500',
  });
  [incidentsTopic, evaluationsTopic] = await Promise.all([env.read(env.config.topics.incidents), env.read(env.config.topics.evaluations)]);
}, 120_000);

afterAll(async () => {
  await env?.close();
});

describe('concept drift, from events and late labels to a performance incident', () => {
  it('stores a baseline carrying the model’s own performance on its training rows', async () => {
    const rand = generator(4242);
    const rows = trainingRows(5000).map((r) => ({ ...r, score_out: Math.round(rand.uniform() * 1e4) / 1e4 }));
    const labelled: LabelledPrediction[] = rows.map((r, i) => ({
      eventId: `train-${i}`,
      eventTime: 0,
      kind: 'number',
      number: r.score_out,
      class: null,
      probabilities: {},
      label: labelOf(r.score_out, rand.uniform(), false),
    }));
    const performance = computePerformance(labelled, inferTask(labelled, 'auto'));
    expect(performance).toMatchObject({ task: 'binary', positiveClass: '1', labelled: 5000 });
    const { columns, kinds } = columnsFromRecords(rows);
    const stats = buildBaseline(columns, { importance: IMPORTANCE, kinds, prediction: 'score_out' });
    expect(stats.features.map((f) => f.name)).toContain(PREDICTION_FEATURE);
    const created = await env.json('POST', `/api/models/${MODEL}/versions/${VERSION}/baselines`, {
      baselineId: 'train-with-labels',
      rowCount: stats.rowCount,
      source: 'synthetic:concept-e2e',
      features: stats.features,
      performance,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const policy = await env.json('PUT', `/api/models/${MODEL}/policy`, {
      alerting: { openAfter: 1, resolveAfter: 2 },
      rollup: { enabled: false },
      // Labels are sent once every window is produced: the windows wait for them.
      performance: { labelWaitSeconds: 20 },
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
  });

  it('keeps data drift quiet and opens one performance_degradation once the late labels are joined', async () => {
    const windows = Array.from({ length: LAST + 1 }, (_, i) => eventsOf(i));
    const closing = eventsOf(LAST + 1).slice(0, 5);
    await sendRecords(
      env.producer,
      env.config.topics.events,
      [...windows.flat(), ...closing].map((e) => ({ key: e.modelId, value: Buffer.from(JSON.stringify(e)) })),
    );
    await waitFor(`data evaluations of windows 0..${LAST}`, () => new Set(evaluations('data').map((e) => e.windowStart)).size >= LAST + 1, 60_000, report);

    // The labels come after their windows closed, for 80 % of the events.
    const rand = generator(99);
    const labels = windows.flatMap((events, i) =>
      events.flatMap((e) => (rand.uniform() < LABEL_SHARE ? [{ eventId: e.eventId, modelId: MODEL, timestamp: e.timestamp + LABEL_DELAY_MS, label: labelOf(e.prediction, rand.uniform(), i >= FLIP_AT) }] : [])),
    );
    await sendRecords(
      env.producer,
      env.config.topics.labels,
      labels.map((l) => ({ key: l.modelId, value: Buffer.from(JSON.stringify(l)) })),
    );
    await waitFor(
      `performance evaluations of windows 0..${LAST}`,
      () => new Set(evaluations('performance').filter((e) => e.judged).map((e) => e.windowStart)).size >= LAST + 1,
      120_000,
      report,
    );
    await waitFor('the alerter to apply every evaluation', () => env.drained(env.config.kafka.groups.alerter, env.config.topics.evaluations), 30_000);
    await waitFor('every incident event to be read', () => incidentsTopic.caughtUp(), 30_000);

    for (const e of evaluations('data')) expect(e.findings.map((f) => f.kind), report()).toEqual([]);
    const byWindow = new Map(evaluations('performance').map((e) => [windowIndex(e.windowStart), e]));
    for (let i = 0; i <= LAST; i++) {
      const e = byWindow.get(i) as EvaluationMessage;
      expect(e.performance?.metric, report()).toBe('rocAuc');
      // About 80 % of 1500 predictions labelled.
      expect(e.performance?.coverage).toBeGreaterThan(0.75);
      expect(e.performance?.coverage).toBeLessThan(0.85);
      expect(e.findings.map((f) => [f.kind, f.feature]), report()).toEqual(i < FLIP_AT ? [] : [['performance_degradation', null]]);
    }
    const flipped = byWindow.get(FLIP_AT) as EvaluationMessage;
    expect(flipped.performance?.value).toBeLessThan(0.3);
    expect(flipped.performance?.baselineValue).toBeGreaterThan(0.8);

    const events = incidents();
    expect(events.map((e) => [e.eventType, e.kind, e.feature, windowIndex(e.windowStart)]), report()).toEqual([['opened', 'performance_degradation', null, FLIP_AT]]);
    expect(events[0].evidence).toMatchObject({ kind: 'performance_degradation', metric: 'rocAuc', details: { metric: 'rocAuc' } });

    const metrics = parseMetricsText(await (await fetch(`${env.baseUrl}/metrics`)).text());
    const auc = samples(metrics, 'driftwatch_model_performance', { model: MODEL, model_version: VERSION, metric: 'rocAuc' });
    expect(auc.map((s) => s.value < 0.3), JSON.stringify(auc)).toEqual([true]);
    const coverage = samples(metrics, 'driftwatch_label_coverage', { model: MODEL, model_version: VERSION });
    expect(coverage.map((s) => Math.abs(s.value - LABEL_SHARE) < 0.05), JSON.stringify(coverage)).toEqual([true]);

    // The stored performance of every window, through the API.
    const api = await env.json<{ windows: { windowStart: string; metric: string; value: number | null; predicted: number; judged: boolean }[] }>(
      'GET',
      `/api/models/${MODEL}/performance?granularity=window`,
    );
    expect(api.status, JSON.stringify(api.body)).toBe(200);
    const all = [...api.body.windows].reverse();
    // The window still open (the closing events) is stored too, not judged.
    expect(all.slice(LAST + 1).map((w) => [windowIndex(Date.parse(w.windowStart)), w.judged])).toEqual([[LAST + 1, false]]);
    const stored = all.slice(0, LAST + 1);
    expect(stored.map((w) => [windowIndex(Date.parse(w.windowStart)), w.metric, w.predicted, w.judged])).toEqual(
      Array.from({ length: LAST + 1 }, (_, i) => [i, 'rocAuc', EVENTS_PER_WINDOW, true]),
    );
    expect(stored.map((w) => (w.value as number) > 0.7)).toEqual(Array.from({ length: LAST + 1 }, (_, i) => i < FLIP_AT));
  }, 240_000);
});
