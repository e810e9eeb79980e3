// End to end through the standalone process (aggregator, evaluator, alerter and api modules of
// StandaloneModule, in this test process), a real Kafka broker and the embedded ClickHouse
// engine: inference events in, incidents out on driftwatch.incidents, the API and /metrics
// agreeing with them, and a real Prometheus scraping the process.
import { buildBaseline, columnsFromRecords, type BaselineStats } from '@driftwatch/stats';
import { decodeEvaluation, decodeIncidentEvent, type EvaluationMessage, type IncidentEvent } from '@driftwatch/contracts';
import { sendRecords } from '@driftwatch/kafka';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentView } from '@driftwatch/api';
import { dashboardQueries, rowPanelTitles } from './dashboard-queries.test-util';
import { parseMetricsText, samples } from './metrics-text.test-util';
import { prometheusWanted, startPrometheus, type PrometheusServer, type PromSample } from './prometheus.test-util';
import { startStandalone, waitFor, type StandaloneEnv, type TopicReader } from './standalone-harness.test-util';
import { FEATURES, IMPORTANCE, trainingRows, windowEvents, type Failure, type RawEvent } from './synthetic-model.test-util';

const MODEL = 'credit-e2e';
/** The alerting rules deploy/prometheus ships, loaded by the test's Prometheus. */
const SHIPPED_RULES = path.resolve(__dirname, '../../../deploy/prometheus/rules/driftwatch.rules.yml');
const VERSION = '3';
const BASELINE_ID = 'train-2026-e2e';
const WINDOW_MS = 60_000;
/**
 * Events per window. The default drift rule for a baseline of more than 1000 rows is
 * Wasserstein >= 0.1 (in baseline std), and beyond a clean window's noise at the policy's
 * false-alarm level (the calibrated decision). 2000 events, so the noise is well below the
 * shifts judged here; small clean windows are in silence.e2e.spec.ts.
 */
const EVENTS_PER_WINDOW = 2000;
/**
 * Event time: the three hours before now, aligned on the hour, so the run's 27 minutes are all
 * in the past (the aggregator dead-letters events stamped ahead of its clock) and inside one
 * hour. Rollups are disabled by the policy all the same: only window incidents are expected.
 */
const T0 = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000;
const windowStart = (i: number) => T0 + i * WINDOW_MS;

/** What each window carries, by index. */
const PLAN: (Failure | null)[] = [
  // 1. clean windows from the training distribution
  null,
  null,
  null,
  // 2. one failure per feature, each for two windows in a row
  'income-shift',
  'income-shift',
  'channel-missing',
  'channel-missing',
  'region-new-category',
  'region-new-category',
  'age-strings',
  'age-strings',
  'amount-units',
  'amount-units',
  // 3. a clean period of three windows
  null,
  null,
  null,
  // 4. flapping: score drifted every other window
  'score-shift',
  null,
  'score-shift',
  null,
  'score-shift',
  null,
  'score-shift',
  null,
  // then clean again
  null,
  null,
];
/** Stage A stops in the middle of the flapping, at a drifted window, to look at the open incident. */
const LAST_OF_STAGE_A = 20;
const LAST = PLAN.length - 1;
/** Events of the next window sent at the end of a stage: the first moves the watermark past the stage's last window. */
const CLOSING_EVENTS = 5;

/**
 * The incidents the default policy must raise, worked out from libs/evaluation/README.md:
 * - income +2 std: Wasserstein 2 >= 0.1 (baseline of 5000 rows), critical (>= 0.25; income is top).
 * - channel null in 60%: missing rate +0.6 > 0.2, critical (and channel is top).
 * - region "overseas" in 20%: new_category, 0.2 > 0.1 critical. The same window also moves
 *   region's distribution: Jensen–Shannon of 0.8·p + 0.2·new vs p is sqrt(0.0747) = 0.27 >= 0.1,
 *   so data_drift too, a warning because region is minor (importance 0.08 < 0.1).
 * - age "42" in 40%: schema_violation, type-error rate 0.4 > 0.05, critical.
 * - amount × 1e6 in 25%: out_of_range critical (mean ratio ≈ 2.5e5 >= 100, a unit error); the
 *   distribution moves too: data_drift, a warning as amount is minor.
 * - score from its upper half: Wasserstein ≈ 0.8 >= 0.25, critical (score is top).
 * Hysteresis (openAfter 1, resolveAfter 3): opened at the first bad window, resolved at the
 * third clean one after the last bad window; while flapping, one clean window between bad
 * ones never reaches three, so the score incident stays open.
 */
const EXPECTED: { kind: IncidentEvent['kind']; feature: string; severity: IncidentEvent['severity']; bad: number[] }[] = [
  { kind: 'data_drift', feature: 'income', severity: 'critical', bad: [3, 4] },
  { kind: 'missing_feature', feature: 'channel', severity: 'critical', bad: [5, 6] },
  { kind: 'new_category', feature: 'region', severity: 'critical', bad: [7, 8] },
  { kind: 'data_drift', feature: 'region', severity: 'warning', bad: [7, 8] },
  { kind: 'schema_violation', feature: 'age', severity: 'critical', bad: [9, 10] },
  { kind: 'out_of_range', feature: 'amount', severity: 'critical', bad: [11, 12] },
  { kind: 'data_drift', feature: 'amount', severity: 'warning', bad: [11, 12] },
  { kind: 'data_drift', feature: 'score', severity: 'critical', bad: [16, 18, 20, 22] },
];
const RESOLVE_AFTER = 3;

type Step = [eventType: IncidentEvent['eventType'], kind: string, feature: string, severity: string, window: number];

/** The lifecycle events expected once windows 0..through are judged, in window order. */
function expectedSteps(through: number): Step[] {
  const steps: Step[] = [];
  for (const e of EXPECTED) {
    const bad = e.bad.filter((i) => i <= through);
    if (bad.length === 0) continue;
    steps.push(['opened', e.kind, e.feature, e.severity, bad[0]]);
    const resolvedAt = e.bad[e.bad.length - 1] + RESOLVE_AFTER;
    if (resolvedAt <= through) steps.push(['resolved', e.kind, e.feature, e.severity, resolvedAt]);
  }
  return sortSteps(steps);
}

const sortSteps = (steps: Step[]) => [...steps].sort((a, b) => a[4] - b[4] || a.join().localeCompare(b.join()));
const windowIndex = (start: number) => (start - T0) / WINDOW_MS;

let env: StandaloneEnv;
let prometheus: PrometheusServer | undefined;
/** What each dashboard query returned (printed at the end, for the record). */
let dashboardSeen: string[] = [];
let alertsSeen: string[] = [];
let incidentsTopic: TopicReader;
let evaluationsTopic: TopicReader;
let dlqTopic: TopicReader;
let stats: BaselineStats;
const eventsByWindow = new Map<number, RawEvent[]>();

function incidentEvents(): IncidentEvent[] {
  return incidentsTopic.messages.map((m) => {
    const decoded = decodeIncidentEvent(m.value);
    if (!decoded.ok) throw new Error(`undecodable message on ${env.config.topics.incidents} at offset ${m.offset}: ${decoded.reason}`);
    return decoded.event;
  });
}

function windowEvaluations(): EvaluationMessage[] {
  return evaluationsTopic.messages
    .map((m) => decodeEvaluation(m.value, { maxBytes: 16 * 1024 * 1024 }))
    .flatMap((d) => (d.ok && d.event.modelId === MODEL ? [d.event] : []));
}

/** Every window's findings, for failure messages: what the evaluator said, window by window. */
function findingsReport(): string {
  return windowEvaluations()
    .map((e) => `  ${e.granularity} ${windowIndex(e.windowStart)} (${PLAN[windowIndex(e.windowStart)] ?? 'clean'}): ${e.findings.map((f) => `${f.kind}/${f.feature} ${f.severity} ${f.metric}=${f.value}`).join(', ') || '-'}`)
    .join('\n');
}

const steps = (events: IncidentEvent[]): Step[] => sortSteps(events.map((e) => [e.eventType, e.kind, e.feature ?? '', e.severity, windowIndex(e.windowStart)]));

async function produceWindows(from: number, through: number, closingOf: number | null, skipFirst = 0): Promise<void> {
  const events: RawEvent[] = [];
  for (let i = from; i <= through; i++) events.push(...(eventsByWindow.get(i) ?? []).slice(i === from ? skipFirst : 0));
  if (closingOf !== null) events.push(...(eventsByWindow.get(closingOf) ?? []).slice(0, CLOSING_EVENTS));
  await sendRecords(
    env.producer,
    env.config.topics.events,
    events.map((e) => ({ key: e.modelId, value: Buffer.from(JSON.stringify(e)) })),
  );
}

/** Until windows 0..through are evaluated, every evaluation applied by the alerter, and every incident event read. */
async function settle(through: number): Promise<void> {
  await waitFor(
    `evaluations of windows 0..${through}`,
    () => new Set(windowEvaluations().filter((e) => e.granularity === 'window').map((e) => e.windowStart)).size >= through + 1,
    60_000,
    () => `evaluated so far:\n${findingsReport()}`,
  );
  await waitFor('the alerter to apply every evaluation', () => env.drained(env.config.kafka.groups.alerter, env.config.topics.evaluations), 30_000);
  await waitFor('every incident event to be read', () => incidentsTopic.caughtUp(), 30_000);
}

async function scrape() {
  const res = await fetch(`${env.baseUrl}/metrics`);
  expect(res.status).toBe(200);
  return parseMetricsText(await res.text());
}

beforeAll(async () => {
  const { columns, kinds } = columnsFromRecords(trainingRows(5000));
  stats = buildBaseline(columns, { importance: IMPORTANCE, kinds });
  // "Moved by 2 std": the baseline's own standard deviation of income.
  const incomeShift = 2 * (stats.features.find((f) => f.name === 'income')?.std ?? NaN);
  // One window more than planned, of which only the first events are sent: they close the last window.
  [...PLAN, null].forEach((failure, index) =>
    eventsByWindow.set(index, windowEvents({ modelId: MODEL, modelVersion: VERSION, index, windowStart: windowStart(index), windowMs: WINDOW_MS, count: EVENTS_PER_WINDOW, failure, incomeShift })),
  );

  env = await startStandalone('pipeline-e2e', {
    DRIFTWATCH_WINDOW_SECONDS: '60',
    DRIFTWATCH_WINDOW_OUT_OF_ORDERNESS_SECONDS: '1',
    DRIFTWATCH_WINDOW_GRACE_SECONDS: '1',
    // Windows close by watermark here; the idle fallback must not cut one short on a busy machine.
    DRIFTWATCH_WINDOW_IDLE_CLOSE_SECONDS: '600',
    // The silence timer runs: it judges on when windows last closed (processing time), so events
    // stamped hours ago are no silence, and none of the evaluations below may be one.
    DRIFTWATCH_SILENCE_CHECK_MS: '500',
  });
  [incidentsTopic, evaluationsTopic, dlqTopic] = await Promise.all([
    env.read(env.config.topics.incidents),
    env.read(env.config.topics.evaluations),
    env.read(env.config.topics.dlq),
  ]);
  if (prometheusWanted()) prometheus = await startPrometheus('driftwatch-standalone', `127.0.0.1:${env.port}`, [SHIPPED_RULES]);
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
  await env?.close();
});

describe('the standalone pipeline, from inference events to incidents', () => {
  it('takes the baseline (5000 training rows, 6 features with importance) and the policy through the API', async () => {
    expect(stats.features.map((f) => `${f.name}:${f.kind}`)).toEqual(['income:numeric', 'age:numeric', 'region:categorical', 'score:numeric', 'amount:numeric', 'channel:categorical']);
    const created = await env.json<{ baselineId: string }>('POST', `/api/models/${MODEL}/versions/${VERSION}/baselines`, {
      baselineId: BASELINE_ID,
      rowCount: stats.rowCount,
      source: 'synthetic:e2e',
      features: stats.features,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.baselineId).toBe(BASELINE_ID);

    const policy = await env.json<{ effective: { minWindowEvents: number; alerting: { openAfter: number; resolveAfter: number }; rollup: { enabled: boolean } } }>(
      'PUT',
      `/api/models/${MODEL}/policy`,
      { minWindowEvents: 100, alerting: { openAfter: 1, resolveAfter: RESOLVE_AFTER }, rollup: { enabled: false } },
    );
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    expect(policy.body.effective).toMatchObject({ minWindowEvents: 100, alerting: { openAfter: 1, resolveAfter: RESOLVE_AFTER }, rollup: { enabled: false } });
  });

  it('raises one incident per injected failure with its kind and severity, and resolves each after three clean windows', async () => {
    await produceWindows(0, LAST_OF_STAGE_A, LAST_OF_STAGE_A + 1);
    await settle(LAST_OF_STAGE_A);
    const report = `evaluations:\n${findingsReport()}`;

    const evaluations = windowEvaluations();
    expect(evaluations.every((e) => e.granularity === 'window'), 'rollups are disabled by the policy').toBe(true);
    expect(evaluations.map((e) => [windowIndex(e.windowStart), e.eventCount, e.judged, e.baselineId])).toEqual(
      Array.from({ length: LAST_OF_STAGE_A + 1 }, (_, i) => [i, EVENTS_PER_WINDOW, true, BASELINE_ID]),
    );
    // Phase 1: the clean windows drawn from the training distribution raise nothing.
    for (const e of evaluations.filter((x) => windowIndex(x.windowStart) < 3)) expect(e.findings, report).toEqual([]);

    const events = incidentEvents();
    expect(steps(events), report).toEqual(expectedSteps(LAST_OF_STAGE_A));
    for (const e of events) {
      expect(e).toMatchObject({ modelId: MODEL, modelVersion: VERSION, granularity: 'window', evidence: { kind: e.kind, feature: e.feature } });
      expect(e.windowEnd - e.windowStart).toBe(WINDOW_MS);
    }

    // The evidence says what happened, in the injected proportions.
    const opened = (kind: string, feature: string) => events.find((e) => e.eventType === 'opened' && e.kind === kind && e.feature === feature)?.evidence;
    expect(opened('data_drift', 'income')).toMatchObject({ metric: 'wasserstein', threshold: 0.1 });
    expect(opened('data_drift', 'income')?.value).toBeGreaterThan(1.5);
    expect(opened('missing_feature', 'channel')?.value).toBeCloseTo(0.6, 12);
    expect(opened('new_category', 'region')?.value).toBeCloseTo(0.2, 12);
    expect(opened('new_category', 'region')?.details).toMatchObject({ categories: { overseas: EVENTS_PER_WINDOW / 5 } });
    expect(opened('schema_violation', 'age')).toMatchObject({ metric: 'typeErrorRate' });
    expect(opened('schema_violation', 'age')?.value).toBeCloseTo(0.4, 12);
    expect(opened('out_of_range', 'amount')).toMatchObject({ metric: 'meanRatio' });
    expect(opened('out_of_range', 'amount')?.value).toBeGreaterThan(1e5);
    expect(opened('out_of_range', 'amount')?.value).toBeLessThan(1e6);

    // Lifecycle: one incident id from opened to resolved, times from the windows (event time).
    for (const e of EXPECTED.filter((x) => x.bad[x.bad.length - 1] + RESOLVE_AFTER <= LAST_OF_STAGE_A)) {
      const mine = events.filter((x) => x.kind === e.kind && x.feature === e.feature);
      expect(mine.map((x) => x.eventType)).toEqual(['opened', 'resolved']);
      const [open, resolved] = mine;
      expect(resolved.incidentId).toBe(open.incidentId);
      expect(open).toMatchObject({ status: 'open', resolvedAt: null, badWindows: 1, openedAt: windowStart(e.bad[0]) + WINDOW_MS });
      expect(resolved).toMatchObject({ status: 'resolved', openedAt: open.openedAt, badWindows: e.bad.length, resolvedAt: resolved.windowEnd });
    }
  });

  it('keeps exactly one incident open while the data flaps, and shows it in the API, /metrics and Prometheus', async () => {
    const flapping = incidentEvents().filter((e) => e.feature === 'score');
    expect(flapping.map((e) => [e.eventType, e.kind, e.severity, windowIndex(e.windowStart)])).toEqual([['opened', 'data_drift', 'critical', 16]]);

    const open = await env.json<{ incidents: IncidentView[] }>('GET', `/api/incidents?model=${MODEL}&status=open`);
    expect(open.status).toBe(200);
    // Three bad windows so far (16, 18, 20): stored as updates of the one incident, not new ones.
    expect(open.body.incidents.map((i) => [i.incidentId, i.kind, i.feature, i.severity, i.badWindows, i.granularity])).toEqual([
      [flapping[0].incidentId, 'data_drift', 'score', 'critical', 3, 'window'],
    ]);

    const metrics = await scrape();
    expect(samples(metrics, 'driftwatch_incidents_open', { model: MODEL }).map((s) => [s.labels.kind, s.labels.severity, s.value])).toEqual([['data_drift', 'critical', 1]]);
    // The latest judged window is 20, where score drifted and income did not.
    const score = (feature: string) => samples(metrics, 'driftwatch_feature_drift_score', { model: MODEL, model_version: VERSION, feature, method: 'wasserstein' });
    expect(score('income')).toHaveLength(1);
    expect(score('income')[0].value).toBeLessThan(0.1);
    expect(score('score')[0].value).toBeGreaterThanOrEqual(0.25);
    expect(samples(metrics, 'driftwatch_feature_drifted', { model: MODEL, feature: 'score' }).map((s) => s.value)).toEqual([1]);
    expect(new Set(samples(metrics, 'driftwatch_feature_drift_score', { model: MODEL }).map((s) => s.labels.feature))).toEqual(new Set(FEATURES));

    if (!prometheus) return;
    const p = prometheus;
    await waitFor('Prometheus to scrape the drift gauges', async () => (await p.query(`driftwatch_feature_drifted{model="${MODEL}",feature="score"} == 1`)).length === 1, 30_000);
    const income = await p.query(`driftwatch_feature_drift_score{model="${MODEL}",feature="income",method="wasserstein"}`);
    expect(income.map((s) => [s.metric.job, s.metric.model_version, Number(s.value[1]) < 0.1])).toEqual([['driftwatch-standalone', VERSION, true]]);
    // Prometheus keeps the last scraped sample of a series until a scrape finds it gone: the
    // incidents the previous test resolved leave its view only at the first scrape after that.
    const openNow = async () => (await p.query(`driftwatch_incidents_open{model="${MODEL}"} > 0`)).map((s) => [s.metric.kind, s.metric.severity, s.value[1]]);
    await waitFor('Prometheus to scrape the open incidents as /metrics shows them', async () => JSON.stringify(await openNow()) === JSON.stringify([['data_drift', 'critical', '1']]), 30_000);
    expect(await openNow()).toEqual([['data_drift', 'critical', '1']]);

    // Every query of the shipped dashboard, as Grafana sends it with this model selected.
    await waitFor('a rate window of samples', async () => (await p.query('count_over_time(up[30s])')).some((s) => Number(s.value[1]) >= 5), 30_000);
    const results = new Map<string, PromSample[]>();
    for (const q of dashboardQueries(MODEL, '30s')) results.set(q.panel + '/' + q.refId, await p.query(q.expr));
    const of = (panel: string, refId = 'A') => {
      const r = results.get(`${panel}/${refId}`);
      if (!r) throw new Error(`no dashboard query ${panel}/${refId}`);
      return r;
    };
    const value = (panel: string, labels: Record<string, string>) => {
      const found = of(panel).filter((s) => Object.entries(labels).every(([k, v]) => s.metric[k] === v));
      expect(found, `${panel} ${JSON.stringify(labels)}`).toHaveLength(1);
      return Number(found[0].value[1]);
    };
    // No labels and no webhook destination in this run: those panels have nothing to show.
    const emptyHere = new Set([...rowPanelTitles('Performance'), 'Webhook deliveries per minute']);
    for (const [key, series] of results) {
      const panel = key.slice(0, key.lastIndexOf('/'));
      if (emptyHere.has(panel)) expect(series, key).toEqual([]);
      else expect(series.length, `${key} returned no series`).toBeGreaterThan(0);
    }
    expect(of('$model', 'model').map((s) => s.metric.model)).toContain(MODEL);
    // Window 20: score drifted, income clean, each side of its family's threshold.
    expect(value('Drift distance per feature', { feature: 'score', method: 'wasserstein' })).toBeGreaterThanOrEqual(0.1);
    expect(value('Drift distance per feature', { feature: 'income', method: 'wasserstein' })).toBeLessThan(0.1);
    expect(value('Drift test p-value per feature', { feature: 'score', method: 'ksPValue' })).toBeLessThan(0.05);
    expect(value('Drift test p-value per feature', { feature: 'income', method: 'ksPValue' })).toBeGreaterThanOrEqual(0.05);
    expect(of('Drift test p-value per feature').every((s) => Number(s.value[1]) > 0 && Number(s.value[1]) <= 1)).toBe(true);
    expect(value('Drifted features', { model: MODEL })).toBeGreaterThanOrEqual(1);
    expect(of('Open incidents (critical)').map((s) => s.value[1])).toEqual(['1']);
    expect(of('Open incidents (warning)').map((s) => s.value[1])).toEqual(['0']);
    // Pipeline health: events stamped hours ago put the watermark hours behind the clock.
    expect(of('Watermark delay').every((s) => Number(s.value[1]) > 3600)).toBe(true);
    expect(of('Consumer lag').some((s) => s.metric.topic === env.config.topics.events)).toBe(true);
    expect(value('Baseline age', { model: MODEL, model_version: VERSION })).toBeGreaterThanOrEqual(0);
    expect(of('Dead letters per minute').every((s) => s.value[1] === '0')).toBe(true);
    expect(of('ClickHouse write errors per minute').every((s) => s.value[1] === '0')).toBe(true);
    // The shipped rules evaluate without error on these series, and the drift of score and its
    // critical incident are pending alerts (their `for` is minutes: firing is promtool's to test).
    await waitFor(
      'the drift alerts pending',
      async () => {
        const alerts = (await p.rules()).flatMap((r) => (r.alerts ?? []).map((a) => `${a.labels.alertname}/${a.labels.feature ?? a.labels.kind}`));
        return alerts.includes('DriftwatchFeatureDrift/score') && alerts.includes('DriftwatchCriticalIncident/data_drift');
      },
      30_000,
    );
    const rules = await p.rules();
    expect(rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.lastError}`)).toEqual([]);
    expect(rules.length).toBeGreaterThanOrEqual(11);
    const active = rules.flatMap((r) => (r.alerts ?? []).map((a) => `${a.labels.alertname} ${a.labels.feature ?? a.labels.kind ?? a.labels.model ?? ''} ${a.state}`));
    expect(active).toEqual(expect.arrayContaining(['DriftwatchFeatureDrift score pending', 'DriftwatchCriticalIncident data_drift pending']));
    // Nothing wrong with the pipeline itself: none of its alerts is active. (DriftwatchSilence may
    // be pending here: this Prometheus holds seconds of samples, and two equal ones give increase() 0.)
    expect(active.filter((a) => /ConsumerLag|DeadLetters|StoreWriteErrors|HighInvalidEvents/.test(a))).toEqual([]);
    alertsSeen = active;
    dashboardSeen = [...results].map(([key, series]) => `${key}: ${series.length} series${series[0] ? `, e.g. ${JSON.stringify(series[0].metric)} = ${series[0].value[1]}` : ''}`);
  });

  it('resolves the flapping incident after the clean period, once, and the API and gauges agree with the events', async () => {
    await produceWindows(LAST_OF_STAGE_A + 1, LAST, LAST + 1, CLOSING_EVENTS);
    await settle(LAST);
    const report = `evaluations:\n${findingsReport()}`;

    const events = incidentEvents();
    expect(steps(events), report).toEqual(expectedSteps(LAST));
    const score = events.filter((e) => e.feature === 'score');
    expect(score.map((e) => e.eventType)).toEqual(['opened', 'resolved']);
    expect(score[1]).toMatchObject({ incidentId: score[0].incidentId, badWindows: 4, windowStart: windowStart(LAST) });

    // Never two open incidents for one key, never a resolve without an open one.
    const openKeys = new Set<string>();
    for (const e of events) {
      const key = `${e.kind}/${e.feature}`;
      if (e.eventType === 'opened') {
        expect(openKeys.has(key), `second opened for ${key}`).toBe(false);
        openKeys.add(key);
      } else if (e.eventType === 'resolved') {
        expect(openKeys.delete(key), `resolved without open: ${key}`).toBe(true);
      }
    }
    expect([...openKeys]).toEqual([]);

    // The API lists the same incidents, all resolved, with the last event's data.
    const listed = await env.json<{ incidents: IncidentView[] }>('GET', `/api/incidents?model=${MODEL}&limit=1000`);
    expect(listed.status).toBe(200);
    const resolved = events.filter((e) => e.eventType === 'resolved');
    const fromApi = listed.body.incidents.map((i) => [i.incidentId, i.kind, i.feature, i.severity, i.status, i.lastEventType, i.granularity, i.badWindows, i.resolvedAt]).sort();
    const fromKafka = resolved.map((e) => [e.incidentId, e.kind, e.feature, e.severity, 'resolved', 'resolved', 'window', e.badWindows, new Date(e.resolvedAt as number).toISOString()]).sort();
    expect(fromApi).toEqual(fromKafka);
    expect(fromApi).toHaveLength(EXPECTED.length);

    const metrics = await scrape();
    expect(samples(metrics, 'driftwatch_incidents_open', { model: MODEL }).filter((s) => s.value > 0)).toEqual([]);
    expect(samples(metrics, 'driftwatch_feature_drifted', { model: MODEL, feature: 'score' }).map((s) => s.value)).toEqual([0]);
    expect(samples(metrics, 'driftwatch_feature_drift_score', { model: MODEL, feature: 'income', method: 'wasserstein' })).toHaveLength(1);

    // Nothing was dead-lettered: strings in a numeric field are type errors counted in their window, not bad events.
    expect(await dlqTopic.caughtUp()).toBe(true);
    expect(dlqTopic.messages.map((m) => m.value.toString('utf8').slice(0, 300))).toEqual([]);

    if (!prometheus) return;
    const p = prometheus;
    await waitFor('Prometheus to see the incident resolved', async () => (await p.query(`driftwatch_incidents_open{model="${MODEL}"} > 0`)).length === 0, 30_000);
    const drifted = await p.query(`driftwatch_feature_drifted{model="${MODEL}",feature="score"}`);
    expect(drifted.map((s) => s.value[1])).toEqual(['0']);
  });
  it("counts the first burst of invalid events on the dashboard's Invalid events panel", async () => {
    if (!prometheus) return;
    const p = prometheus;
    const burst = 7;
    // Valid JSON naming the model, with features that are not an object: invalid, counted for the model.
    await sendRecords(
      env.producer,
      env.config.topics.events,
      Array.from({ length: burst }, (_, i) => ({ key: MODEL, value: JSON.stringify({ eventId: `bad-${i}`, modelId: MODEL, modelVersion: VERSION, timestamp: windowStart(LAST), features: 5 }) })),
    );
    await waitFor(
      'Prometheus to scrape the invalid burst',
      async () => (await p.query(`sum(driftwatch_events_total{model="${MODEL}",outcome="invalid"})`)).some((s) => s.value[1] === String(burst)),
      60_000,
    );
    await new Promise((r) => setTimeout(r, 2_000));
    const [invalid] = dashboardQueries(MODEL, '30s').filter((q) => q.panel === 'Invalid events (5m)');
    const shown = await p.query(invalid.expr);
    expect(shown.map((s) => s.metric.model)).toEqual([MODEL]);
    // The series stood at 0 before the burst, so increase() sees all of it (extrapolation within a scrape).
    expect(Math.round(Number(shown[0].value[1]))).toBe(burst);
    const dead = await p.query(`sum by (reason) (driftwatch_dlq_messages_total{topic="${env.config.topics.events}"}) > 0`);
    expect(dead.map((s) => [s.metric.reason, s.value[1]])).toEqual([['invalid', String(burst)]]);
    process.stdout.write(`dashboard queries against Prometheus at window 20:\n  ${dashboardSeen.join('\n  ')}\nactive alerts then: ${alertsSeen.join('; ')}\n`);
  });
});
