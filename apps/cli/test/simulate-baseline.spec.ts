import { createKafka } from '@driftwatch/kafka';
import { PREDICTION_FEATURE } from '@driftwatch/stats';
import { connectAdminOrExplain, freePort, TEST_BROKERS, uniqueName } from '@driftwatch/testing';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The real api module in this process (embedded ClickHouse, real broker).
import { startTestApi, type TestApi } from '@driftwatch/api-testing';
import { DEMO_FEATURES, DEMO_IMPORTANCE } from '../src/simulate/demo-model';
import { runCli } from './run-cli.test-util';

let api: TestApi;
let topic: string;
let kafka: Kafka;
const brokers = TEST_BROKERS.join(',');

beforeAll(async () => {
  api = await startTestApi();
  kafka = createKafka({ brokers: TEST_BROKERS, clientId: 'driftwatch-cli-simulate-baseline-test', logLevel: 'error' });
  const admin = await connectAdminOrExplain(kafka);
  topic = uniqueName('simulate-baseline');
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
});

afterAll(async () => {
  await api?.close();
});

/** Messages written to the topic so far (its one partition's end offset). */
async function written(): Promise<number> {
  const admin = await connectAdminOrExplain(kafka);
  try {
    return Number((await admin.fetchTopicOffsets(topic))[0].high);
  } finally {
    await admin.disconnect();
  }
}

const simulate = (...args: string[]) =>
  runCli(['simulate', '--model', 'sim-demo', '--model-version', '2', '--events', '20', '--rate', '1000', '--brokers', brokers, '--topic', topic, '--format', 'json', ...args]);

describe('driftwatch simulate --baseline', () => {
  it("creates the model version's baseline through the API, with importance and the prediction, then sends", async () => {
    const run = await simulate('--baseline', '--api', api.baseUrl);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.sent).toBe(20);
    expect(summary.baseline.status).toBe('created');

    const stored = await api.store.baselines.getActive('sim-demo', '2');
    expect(stored?.baselineId).toBe(summary.baseline.baselineId);
    expect(stored).toMatchObject({ rowCount: 5000, source: 'driftwatch simulate' });
    const byName = new Map(stored?.features.map((f) => [f.name, f]));
    expect([...byName.keys()].sort()).toEqual([...DEMO_FEATURES, PREDICTION_FEATURE].sort());
    for (const name of DEMO_FEATURES) expect(byName.get(name)?.importance).toBe(DEMO_IMPORTANCE[name]);
    // Kinds as the aggregator will bin the events' values.
    expect(byName.get('income')).toMatchObject({ kind: 'numeric', count: 5000, missing: 0 });
    expect(byName.get('income')?.edges).toHaveLength(9);
    expect(byName.get('region')?.kind).toBe('categorical');
    expect(Object.keys(byName.get('region')?.categories ?? {}).sort()).toEqual(['east', 'north', 'south', 'west']);
    expect(byName.get('returning_customer')?.kind).toBe('boolean');
    const prediction = byName.get(PREDICTION_FEATURE);
    expect(prediction).toMatchObject({ kind: 'numeric', count: 5000, importance: null });
    expect(prediction?.min).toBeGreaterThanOrEqual(0);
    expect(prediction?.max).toBeLessThanOrEqual(1);
  });

  it('keeps an existing baseline', async () => {
    const first = (await api.store.baselines.getActive('sim-demo', '2'))?.baselineId;
    const run = await simulate('--baseline', '--api', api.baseUrl);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).baseline).toEqual({ status: 'existing', baselineId: first });
    expect(await api.store.baselines.list('sim-demo')).toHaveLength(1);
  });

  it('exits 3 when the API is not reachable, sending nothing', async () => {
    const port = await freePort();
    const before = await written();
    const run = await simulate('--baseline', '--api', `http://127.0.0.1:${port}`);
    expect(await written()).toBe(before);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^driftwatch: cannot reach the Driftwatch API at http://127\\.0\\.0\\.1:${port} .*\\n$`));
  });
});
