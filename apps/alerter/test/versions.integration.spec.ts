import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyModelState, incidentIdOf, type ModelIncidentState } from '@driftwatch/alerting';
import type { EvaluationMessage, IncidentEvent } from '@driftwatch/contracts';
import type { DriftwatchConfig } from '@driftwatch/config';
import { createProducer } from '@driftwatch/kafka';
import { IncidentRepository, LEGACY_STATE_VERSION, openStore, type Store } from '@driftwatch/store';
import type { Kafka, Producer } from 'kafkajs';
import { AlerterMetrics } from '../src/alerter.metrics';
import { IncidentEngine } from '../src/incidents/incident-engine';
import { createTopics, evaluation, finding, follow, incidentEvents, MIN, publishEvaluations, quietLog, T0, tempDir, TEST_OPTIONS, testConfig, waitFor } from './support/alerter-harness';

// Its own topics and store: the other alerter specs count every event on theirs.
const dir = tempDir();
let config: DriftwatchConfig;
let store: Store;
let kafka: Kafka;
let producer: Producer;
let repository: IncidentRepository;
let incidents: Awaited<ReturnType<typeof follow>>;
const metrics = new AlerterMetrics();
const options = { ...TEST_OPTIONS, incidentPolicy: { openAfter: 2, resolveAfter: 3, cooldownSeconds: 3600 } };

beforeAll(async () => {
  config = testConfig('alerter-versions', dir.dir);
  kafka = await createTopics(config);
  store = await openStore(config);
  repository = new IncidentRepository(store.client);
  producer = createProducer(kafka);
  await producer.connect();
  incidents = await follow(kafka, config.topics.incidents);
});

afterAll(async () => {
  await incidents?.stop();
  await producer?.disconnect();
  await store?.close();
  dir.remove();
});

const engine = () => new IncidentEngine({ config, incidents: repository, kafka, options, metrics, log: quietLog });

/** Window `i` of model `model` (canary by default), version `version`, drifted on income when `bad`. */
function win(version: string, i: number, bad: boolean, model = 'canary'): EvaluationMessage {
  const e = evaluation(model, i, bad ? [finding('data_drift', 'income')] : []);
  return { ...e, modelVersion: version, evaluationId: createHash('sha1').update(`${model}/${version}/window/${e.windowStart}`).digest('hex') };
}

async function publish(...values: EvaluationMessage[]): Promise<void> {
  await publishEvaluations(producer, config.topics.evaluations, values);
}

const published = (): IncidentEvent[] => incidentEvents(incidents.messages);
const summary = () => published().map((e) => `v${e.modelVersion} ${e.eventType} ${e.incidentId === 'inc_legacy_v7' ? 'legacy' : e.incidentId}`);

/** What an alerter before per-version states stored: one state for the model, an incident opened by v7 in it. */
async function storeLegacyState(): Promise<void> {
  const base = emptyModelState('canary', 'unused', 'window') as Partial<ModelIncidentState>;
  delete base.modelVersion;
  const open = { incidentId: 'inc_legacy_v7', modelVersion: '7', severity: 'warning', openedAt: T0 - MIN, updatedAt: T0 - MIN, lastNotifiedAt: T0 - MIN, windowStart: T0 - 2 * MIN, windowEnd: T0 - MIN, badWindows: 2, evidence: finding('data_drift', 'income'), revision: 1 };
  const state = { ...base, keys: { 'data_drift\u0000income': { kind: 'data_drift', feature: 'income', consecutiveBad: 2, consecutiveClean: 0, streakStart: T0 - 3 * MIN, streakSeverity: 'warning', open } }, lastWindowStart: T0 - 2 * MIN, revision: 3 };
  await store.client.client.insert({
    table: store.client.table('incident_states'),
    format: 'JSONEachRow',
    values: [{ model_id: 'canary', granularity: 'window', revision: 3, state: JSON.stringify(state) }],
  });
}

describe('alerter: model versions live together', () => {
  it("judges v7 and v8 apart across a restart: v7's clean windows neither reset v8's streak nor resolve its incident; a per-model state stored before is split", async () => {
    await storeLegacyState();
    const v8Id = incidentIdOf('canary', '8', 'window', 'data_drift', 'income', T0);
    const first = engine();
    await first.start();
    // Interleaved, as a canary serves them: v7 clean, v8 drifted.
    await publish(...[0, 1, 2].flatMap((i) => [win('7', i, false), win('8', i, true)]));
    await waitFor('v7 to resolve and v8 to open', () => summary().length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    await first.stop();
    // v8 opens after its own 2 bad windows (the old per-model state counted v7's clean ones between
    // them and never opened); the legacy v7 incident resolves by its old id after 3 clean v7 windows.
    expect(summary().sort()).toEqual([`v7 resolved legacy`, `v8 opened ${v8Id}`]);
    expect((await repository.loadStates('canary', 'window')).map((s) => s.modelVersion)).toEqual([LEGACY_STATE_VERSION, '7', '8']);

    const second = engine();
    await second.start();
    await publish(win('8', 2, true), ...[3, 4, 5].flatMap((i) => [win('7', i, true), win('8', i, false)]));
    await waitFor('v8 to resolve and v7 to open again', () => summary().length >= 4);
    await new Promise((r) => setTimeout(r, 300));
    // The replayed v8 window 2 is a duplicate; v7's bad windows do not break v8's clean count.
    const v7Id = incidentIdOf('canary', '7', 'window', 'data_drift', 'income', T0 + 3 * MIN);
    expect(summary().slice(2).sort()).toEqual([`v7 opened ${v7Id}`, `v8 resolved ${v8Id}`]);
    expect(published().find((e) => e.eventType === 'resolved' && e.modelVersion === '8')).toMatchObject({ windowStart: T0 + 5 * MIN, badWindows: 3 });

    const labels = async (gauge: { get(): Promise<{ values: { labels: object; value: number }[] }> }) =>
      (await gauge.get()).values.filter((v) => (v.labels as { model?: string }).model === 'canary').map((v) => [v.labels, v.value]);
    // Both versions keep their series: the latest windows were v7 drifted, v8 clean.
    expect(await labels(metrics.featureDrifted)).toEqual([
      [{ model: 'canary', model_version: '7', feature: 'income' }, 1],
      [{ model: 'canary', model_version: '8', feature: 'income' }, 0],
    ]);
    await waitFor('the open-incident gauge to show v7 only', async () => {
      const open = await labels(metrics.incidentsOpen);
      return open.length === 1 && JSON.stringify(open[0]) === JSON.stringify([{ model: 'canary', model_version: '7', kind: 'data_drift', severity: 'warning' }, 1]);
    });
    await second.stop();
    expect((await repository.list({ modelId: 'canary', modelVersion: '7', status: 'open' })).map((i) => i.incidentId)).toEqual([v7Id]);
  });

  it("resolves a model's silence, named after the version that went quiet, on the windows of the version that came back", async () => {
    const quiet = win('7', 0, false, 'rollout');
    // Two slots of the timer's clock (openAfter is 2 here), each decided after its slot.
    const silence = (i: number): EvaluationMessage => ({
      ...win('7', i, false, 'rollout'),
      evaluationId: createHash('sha1').update(`rollout/7/silence/${i}`).digest('hex'),
      source: 'timer',
      eventCount: 0,
      judged: false,
      baselineId: null,
      features: [],
      findings: [finding('silence', null, 'critical', 0)],
    });
    const e = engine();
    await e.start();
    await publish(quiet, silence(10), silence(11), ...[12, 13, 14].map((i) => win('8', i, false, 'rollout')));
    const ofRollout = () => published().filter((x) => x.modelId === 'rollout').map((x) => `v${x.modelVersion} ${x.kind} ${x.eventType}`);
    await waitFor('the silence to resolve', () => ofRollout().length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    await e.stop();
    expect(ofRollout()).toEqual(['v7 silence opened', 'v7 silence resolved']);
    expect(published().find((x) => x.modelId === 'rollout' && x.eventType === 'resolved')).toMatchObject({ windowStart: T0 + 14 * MIN });
  });
});
