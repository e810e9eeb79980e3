import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentEvent } from '@driftwatch/contracts';
import type { DriftwatchConfig } from '@driftwatch/config';
import { createProducer } from '@driftwatch/kafka';
import { IncidentRepository, openStore, type Store } from '@driftwatch/store';
import type { Kafka, Producer } from 'kafkajs';
import { AlerterMetrics } from '../src/alerter.metrics';
import { IncidentEngine } from '../src/incidents/incident-engine';
import { createTopics, evaluation, finding, follow, incidentEvents, MIN, performanceEvaluation, publishEvaluations, quietLog, T0, tempDir, TEST_OPTIONS, testConfig, waitFor } from './support/alerter-harness';

// Its own topics and store: the other alerter specs count every event on theirs.
const dir = tempDir();
let config: DriftwatchConfig;
let store: Store;
let kafka: Kafka;
let producer: Producer;
let incidents: Awaited<ReturnType<typeof follow>>;
const metrics = new AlerterMetrics();

beforeAll(async () => {
  config = testConfig('alerter-perf', dir.dir);
  kafka = await createTopics(config);
  store = await openStore(config);
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

function engine(): IncidentEngine {
  return new IncidentEngine({ config, incidents: new IncidentRepository(store.client), kafka, options: TEST_OPTIONS, metrics, log: quietLog });
}

async function publish(...values: { modelId: string }[]): Promise<void> {
  await publishEvaluations(producer, config.topics.evaluations, values);
}

const published = (): IncidentEvent[] => incidentEvents(incidents.messages);
const summary = (events: IncidentEvent[]) => events.map((e) => `${e.modelId} ${e.kind}/${e.feature} ${e.eventType} ${e.severity}`);

describe('alerter: performance evaluations on Kafka', () => {
  it('opens performance_degradation from performance windows only, across data windows and a restart, and sets the performance gauges', async () => {
    const perf = performanceEvaluation;
    const dataDrift = (i: number) => evaluation('concept', i, [finding('data_drift', 'income')]);
    const first = engine();
    await first.start();
    // Data windows run ahead of the labels: the performance of windows 0 and 1 arrives after data
    // window 6 (older than the data watermark), with clean data windows and a drift in between.
    await publish(
      ...Array.from({ length: 6 }, (_, i) => evaluation('concept', i, [])),
      perf('concept', 0, 0.7, { bad: true }),
      dataDrift(6),
      perf('concept', 1, 0.68, { bad: true }),
    );
    const ofConcept = () => summary(published().filter((e) => e.modelId === 'concept'));
    await waitFor('the performance incident to open', () => ofConcept().includes('concept performance_degradation/null opened critical'));
    await new Promise((r) => setTimeout(r, 300));
    await first.stop();
    expect(ofConcept()).toEqual(['concept data_drift/income opened warning', 'concept performance_degradation/null opened critical']);

    // A new process: the replayed performance window 1 is a duplicate; clean data windows do not
    // count for performance; the third clean performance window resolves it.
    const second = engine();
    await second.start();
    await publish(
      perf('concept', 1, 0.68, { bad: true }),
      perf('concept', 2, 0.85),
      ...Array.from({ length: 3 }, (_, i) => evaluation('concept', 7 + i, [])),
      perf('concept', 3, 0.86),
      perf('concept', 4, 0.1, { judged: false, coverage: 0.03 }),
      perf('concept', 5, 0.87),
    );
    await waitFor('the performance incident to resolve', () => ofConcept().includes('concept performance_degradation/null resolved critical'));
    await new Promise((r) => setTimeout(r, 300));
    await second.stop();
    expect(ofConcept()).toEqual([
      'concept data_drift/income opened warning',
      'concept performance_degradation/null opened critical',
      'concept data_drift/income resolved warning',
      'concept performance_degradation/null resolved critical',
    ]);
    const resolved = published().find((e) => e.kind === 'performance_degradation' && e.eventType === 'resolved');
    // Resolved by window 5: windows 2, 3 and 5 were clean, window 4 was not judged.
    expect(resolved).toMatchObject({ windowStart: T0 + 5 * MIN, badWindows: 2, openedAt: T0 + 2 * MIN });

    const values = async (gauge: { get(): Promise<{ values: { labels: object; value: number }[] }> }) =>
      (await gauge.get()).values.filter((v) => (v.labels as { model?: string }).model === 'concept').map((v) => [v.labels, v.value]);
    expect(await values(metrics.modelPerformance)).toEqual([[{ model: 'concept', model_version: '1', metric: 'rocAuc' }, 0.87]]);
    expect(await values(metrics.modelPerformanceBaseline)).toEqual([[{ model: 'concept', model_version: '1', metric: 'rocAuc' }, 0.86]]);
    expect(await values(metrics.labelCoverage)).toEqual([[{ model: 'concept', model_version: '1' }, 0.8]]);
    // The drift series are the data windows' own.
    expect(await values(metrics.datasetDriftShare)).toEqual([[{ model: 'concept', model_version: '1' }, 0]]);
    expect((await values(metrics.driftScore)).length).toBeGreaterThan(0);
  });
});
