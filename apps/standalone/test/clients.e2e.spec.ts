// End to end through the client libraries: a model service publishes every inference and label
// with a Driftwatch client, the standalone process (real broker, embedded ClickHouse) builds the
// windows, and a data-drift and a performance incident open. Twice: a plain-WSGI Python service
// on driftwatch_client (Avro), and a Node service on @driftwatch/client (JSON). Windows 0–2 are
// clean; from window 3 income moves by 2 std and the labels flip against the scores.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PREDICTION_FEATURE, buildBaseline, columnsFromRecords, type BaselineStats } from '@driftwatch/stats';
import { computePerformance, inferTask } from '@driftwatch/evaluation';
import { decodeEvaluation, decodeIncidentEvent, type EvaluationMessage, type IncidentEvent, type LabelledPrediction } from '@driftwatch/contracts';
import { TEST_BROKERS } from '@driftwatch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeModelService, type ModelService } from './node-model-service.test-util';
import { startStandalone, waitFor, type StandaloneEnv, type TopicReader } from './standalone-harness.test-util';
import { IMPORTANCE, generator, trainingRows, windowEvents, type RawEvent } from './synthetic-model.test-util';

const ROOT = path.join(__dirname, '..', '..', '..');
const PYTHON = path.join(ROOT, 'clients', 'python', '.venv', 'bin', 'python');
const VERSION = '1';
const WINDOW_MS = 60_000;
const EVENTS_PER_WINDOW = 1000;
const BAD_FROM = 3;
const LAST = 4;
const LABEL_SHARE = 0.8;
const T0 = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000;
const windowStart = (i: number) => T0 + i * WINDOW_MS;
const windowIndex = (start: number) => (start - T0) / WINDOW_MS;
/** The label agrees with the model's decision (score ≥ 0.5) 90 % of the time, 10 % once flipped. */
const labelOf = (score: number, u: number, flipped: boolean): number => ((score >= 0.5) === u < (flipped ? 0.1 : 0.9) ? 1 : 0);

let env: StandaloneEnv;
let incidentsTopic: TopicReader;
let evaluationsTopic: TopicReader;
let stats: BaselineStats;
let performance: ReturnType<typeof computePerformance>;
let incomeShift: number;

beforeAll(async () => {
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
  performance = computePerformance(labelled, inferTask(labelled, 'auto'));
  const { columns, kinds } = columnsFromRecords(rows);
  stats = buildBaseline(columns, { importance: IMPORTANCE, kinds, prediction: 'score_out' });
  incomeShift = 2 * (stats.features.find((f) => f.name === 'income')?.std ?? NaN);
  env = await startStandalone('clients-e2e', {
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

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function evaluations(model: string, subject: 'data' | 'performance'): EvaluationMessage[] {
  return evaluationsTopic.messages
    .map((m) => decodeEvaluation(m.value, { maxBytes: 16 * 1024 * 1024 }))
    .flatMap((d) => (d.ok && d.event.modelId === model && (d.event.subject ?? 'data') === subject ? [d.event] : []));
}

function incidents(model: string): IncidentEvent[] {
  return incidentsTopic.messages.flatMap((m) => {
    const decoded = decodeIncidentEvent(m.value);
    return decoded.ok && decoded.event.modelId === model ? [decoded.event] : [];
  });
}

/** Starts the Python service; resolves once it printed its port. */
async function startPythonService(model: string): Promise<ModelService> {
  const child: ChildProcess = spawn(PYTHON, [path.join(ROOT, 'clients', 'python', 'examples', 'wsgi_service.py')], {
    env: {
      ...process.env,
      DRIFTWATCH_BROKERS: TEST_BROKERS.join(','),
      DRIFTWATCH_MODEL_ID: model,
      DRIFTWATCH_MODEL_VERSION: VERSION,
      DRIFTWATCH_FORMAT: 'avro',
      DRIFTWATCH_EVENTS_TOPIC: env.config.topics.events,
      DRIFTWATCH_LABELS_TOPIC: env.config.topics.labels,
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the Python model service exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^listening on (\d+)$/.exec(line);
      if (m) resolve(Number(m[1]));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function scenario(model: string, service: ModelService): Promise<void> {
  const created = await env.json('POST', `/api/models/${model}/versions/${VERSION}/baselines`, { baselineId: 'train', rowCount: stats.rowCount, source: 'synthetic:clients-e2e', features: stats.features, performance });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const policy = await env.json('PUT', `/api/models/${model}/policy`, { minWindowEvents: 100, alerting: { openAfter: 1, resolveAfter: 3 }, rollup: { enabled: false }, performance: { labelWaitSeconds: 20 } });
  expect(policy.status, JSON.stringify(policy.body)).toBe(200);

  const eventsOf = (i: number): RawEvent[] =>
    windowEvents({ modelId: model, modelVersion: VERSION, index: i, windowStart: windowStart(i), windowMs: WINDOW_MS, count: EVENTS_PER_WINDOW, failure: i >= BAD_FROM ? 'income-shift' : null, incomeShift });
  const windows = Array.from({ length: LAST + 1 }, (_, i) => eventsOf(i));
  // The first events of the next window close the last one.
  const sent = [...windows, eventsOf(LAST + 1).slice(0, 5)];
  const ids: string[][] = [];
  for (const events of sent) {
    const windowIds: string[] = [];
    for (let k = 0; k < events.length; k += 250) {
      const rows = events.slice(k, k + 250).map((e) => ({ features: e.features, score: e.prediction, timestamp: e.timestamp }));
      windowIds.push(...(await post<{ eventIds: string[] }>(`${service.url}/predict`, { rows })).eventIds);
    }
    ids.push(windowIds);
  }
  const flushed = await post<{ left: number; dropped: number; failed: number; invalid: number }>(`${service.url}/flush`, {});
  expect(flushed).toMatchObject({ left: 0, dropped: 0, failed: 0, invalid: 0 });

  const report = () =>
    [...evaluations(model, 'data'), ...evaluations(model, 'performance')]
      .map((e) => `  ${e.subject ?? 'data'} ${windowIndex(e.windowStart)}: judged=${e.judged} ${e.performance ? `${e.performance.metric}=${e.performance.value}` : ''} ${e.findings.map((f) => `${f.kind}/${f.feature}`).join(', ') || '-'}`)
      .join('\n');
  await waitFor(`${model}: data evaluations of windows 0..${LAST}`, () => new Set(evaluations(model, 'data').map((e) => e.windowStart)).size >= LAST + 1, 90_000, report);

  // Labels through the client's log_label / logLabel, after their windows closed.
  const rand = generator(99);
  const labels = windows.flatMap((events, i) =>
    events.flatMap((e, k) => (rand.uniform() < LABEL_SHARE ? [{ eventId: ids[i][k], label: labelOf(e.prediction, rand.uniform(), i >= BAD_FROM), timestamp: e.timestamp + 30_000 }] : [])),
  );
  for (let k = 0; k < labels.length; k += 500) await post(`${service.url}/labels`, { labels: labels.slice(k, k + 500) });
  expect(await post(`${service.url}/flush`, {})).toMatchObject({ left: 0, dropped: 0, failed: 0 });

  await waitFor(`${model}: performance evaluations of windows 0..${LAST}`, () => new Set(evaluations(model, 'performance').filter((e) => e.judged).map((e) => e.windowStart)).size >= LAST + 1, 120_000, report);
  await waitFor('the alerter to apply every evaluation', () => env.drained(env.config.kafka.groups.alerter, env.config.topics.evaluations), 30_000);
  await waitFor('every incident event to be read', () => incidentsTopic.caughtUp(), 30_000);

  // The windows, with every event the service logged.
  const api = await env.json<{ windows: { start: string; eventCount: number }[] }>(
    'GET',
    `/api/models/${model}/windows?from=${new Date(T0).toISOString()}&to=${new Date(windowStart(LAST + 2)).toISOString()}`,
  );
  expect(api.status, JSON.stringify(api.body)).toBe(200);
  expect(api.body.windows.map((w) => [windowIndex(Date.parse(w.start)), w.eventCount]).sort((a, b) => a[0] - b[0])).toEqual([
    ...Array.from({ length: LAST + 1 }, (_, i) => [i, EVENTS_PER_WINDOW]),
    [LAST + 1, 5],
  ]);

  const opened = incidents(model).filter((e) => e.eventType === 'opened');
  const summary = opened.map((e) => [e.kind, e.feature, windowIndex(e.windowStart)]);
  expect(summary, report()).toEqual(expect.arrayContaining([['data_drift', 'income', BAD_FROM], ['performance_degradation', null, BAD_FROM]]));
  // Nothing before the failure was injected.
  expect(opened.filter((e) => windowIndex(e.windowStart) < BAD_FROM).map((e) => [e.kind, e.feature]), report()).toEqual([]);
  expect(stats.features.map((f) => f.name)).toContain(PREDICTION_FEATURE);
}

describe('model services publishing through the clients', () => {
  // Without the client's venv (clients/python/scripts/ensure-venv.sh) the Python half is skipped
  // locally, so the TypeScript suite needs no Python; CI (.ci/run makes the venv) never skips it.
  it.skipIf(!existsSync(PYTHON) && !process.env.CI)('a Python WSGI service on driftwatch_client (Avro): windows, a data-drift and a performance incident', async () => {
    if (!existsSync(PYTHON)) throw new Error(`${PYTHON} does not exist: run bash clients/python/scripts/ensure-venv.sh (.ci/run does)`);
    const service = await startPythonService('clients-e2e-python');
    try {
      await scenario('clients-e2e-python', service);
    } finally {
      await service.close();
    }
  }, 300_000);

  it('a Node service on @driftwatch/client (JSON): windows, a data-drift and a performance incident', async () => {
    const service = await startNodeModelService({
      modelId: 'clients-e2e-node',
      modelVersion: VERSION,
      brokers: TEST_BROKERS,
      format: 'json',
      eventsTopic: env.config.topics.events,
      labelsTopic: env.config.topics.labels,
      closeOnExit: false,
    });
    try {
      await scenario('clients-e2e-node', service);
    } finally {
      await service.close();
    }
  }, 300_000);
});
