// The events topic deleted and created again under the same name while ClickHouse keeps its
// flush plans: the new log's offsets start at 0 again, below the last plan's range. Every
// event of the new log must be counted, and the reset must show in a metric and an error log.
import { openStore, type Store } from '@driftwatch/store';
import { register } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestEngine } from '../src/ingest/ingest-engine';
import {
  MIN,
  T0,
  baselineOf,
  createTestEnv,
  engineRepositories,
  fastOptions,
  numericFeature,
  produceEvents,
  waitFor,
  type RawEvent,
  type TestEnv,
} from './support/ingest-harness';

let t: TestEnv;
let store: Store;
const errors: string[] = [];
const engines: IngestEngine[] = [];

function events(n: number, tag: string, start: number): { event: RawEvent; partition: number }[] {
  return Array.from({ length: n }, (_, i) => ({
    event: { eventId: `${tag}-${i}`, modelId: 'reset', modelVersion: '1', timestamp: start + i * 10, features: { x: i % 100 } },
    partition: 0,
  }));
}

async function stored(): Promise<number> {
  const windows = await store.windows.windows({ modelId: 'reset', from: 0, to: T0 + 3_600_000 });
  return windows.reduce((n, w) => n + w.eventCount, 0);
}

async function resets(): Promise<number> {
  const metric = await register.getSingleMetric('driftwatch_topic_resets_total')!.get();
  return metric.values.filter((v) => v.labels.topic === t.config.topics.events).reduce((n, v) => n + v.value, 0);
}

async function startEngine(): Promise<IngestEngine> {
  const engine = new IngestEngine({
    config: t.config,
    store,
    kafka: t.kafka,
    options: fastOptions(),
    ...engineRepositories(store),
    log: { log: () => undefined, warn: () => undefined, error: (m) => errors.push(m) },
  });
  engines.push(engine);
  await engine.start();
  await engine.whenAssigned();
  return engine;
}

/** Deletes the events topic and creates it again under the same name, as an operator would. */
async function recreateEventsTopic(): Promise<void> {
  const topic = t.config.topics.events;
  await t.admin.deleteTopics({ topics: [topic], timeout: 30_000 });
  await waitFor('the topic gone', async () => !(await t.admin.listTopics()).includes(topic), 30_000);
  // The broker may still be removing the old log: creation is retried until it is accepted.
  await waitFor(
    'the topic created again',
    async () => {
      try {
        await t.admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      } catch {
        return false;
      }
      return true;
    },
    30_000,
  );
  const [offsets] = await t.admin.fetchTopicOffsets(topic);
  expect(offsets.high).toBe('0');
}

beforeAll(async () => {
  t = await createTestEnv('topic-reset', { partitions: 1, idleCloseSeconds: 1 });
  store = await openStore(t.config);
  await store.baselines.save(baselineOf('reset', 'b-reset-1', [numericFeature('x', [25, 50, 75], 0, 99)]));
});

afterAll(async () => {
  for (const e of engines) await e.stop().catch(() => undefined);
  await store?.close();
  await t?.cleanup();
});

describe('aggregator: the events topic recreated while the flush plans are kept', () => {
  it('retires the stale plan at start and counts every event of the new log (shorter and longer than the old one)', async () => {
    const first = await startEngine();
    await produceEvents(t.producer, t.config.topics.events, events(300, 'old', T0));
    await waitFor('the old log counted', async () => (await stored()) === 300, 60_000);
    await first.stop();
    const before = await resets();

    // A new log shorter than the old one: its end is inside the last plan's range.
    await recreateEventsTopic();
    await produceEvents(t.producer, t.config.topics.events, events(120, 'new', T0 + 10 * MIN));
    const second = await startEngine();
    await waitFor('every event of the new log counted', async () => (await stored()) === 300 + 120, 60_000);
    expect(await resets()).toBe(before + 1);
    expect(errors.join('\n')).toMatch(/was recreated or its broker data replaced: the log ends at offset 120 but the last flush plan covered offsets \d+\.\.299; the stale flush plan/);
    await second.stop();

    // A new log that already grew past the old plan before the aggregator came back.
    await recreateEventsTopic();
    await produceEvents(t.producer, t.config.topics.events, events(500, 'newer', T0 + 20 * MIN));
    await startEngine();
    await waitFor('every event of the longer new log counted', async () => (await stored()) === 300 + 120 + 500, 60_000);
    expect(await resets()).toBe(before + 2);
    expect(errors.at(-1)).toMatch(/no committed offset and the records from offset 0 on were written after the last flush plan/);
    // Nothing more arrives later: no event was held back or counted twice.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await stored()).toBe(920);
  }, 180_000);

  it('counts every event of a topic recreated under a running aggregator', async () => {
    for (const e of engines.splice(0)) await e.stop();
    const engine = await startEngine();
    const base = await stored();
    await produceEvents(t.producer, t.config.topics.events, events(200, 'live-old', T0 + 30 * MIN));
    await waitFor('the events before the recreation counted', async () => (await stored()) === base + 200, 60_000);
    const before = await resets();

    await recreateEventsTopic();
    await produceEvents(t.producer, t.config.topics.events, events(80, 'live-new', T0 + 40 * MIN));
    await waitFor('every event after the recreation counted', async () => (await stored()) === base + 280, 90_000);
    expect(await resets()).toBeGreaterThanOrEqual(before + 1);
    // Either the running consumer saw its offsets go back, or a rejoin found the log shorter than the plan.
    expect(errors.at(-1)).toMatch(/was recreated or its broker data replaced: (offset 0 arrived after higher offsets|the log ends at offset)/);
    expect(engine.status().running).toBe(true);
  }, 180_000);
});
