// Two aggregator instances in one consumer group: two Kafka group members (one process, one
// embedded store, since chdb opens a data directory in one process only). Partitions move between
// them twice — when the second member joins mid-stream, and when the first one stops mid-stream —
// and the stored windows must still hold every produced event exactly once.
import { randomBytes } from 'node:crypto';
import { sendRecords } from '@driftwatch/kafka';
import { openStore, type Store, type WindowAggregate } from '@driftwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestEngine } from '../src/ingest/ingest-engine';
import { expectedWindows } from './support/expected-windows';
import {
  MIN,
  T0,
  baselineOf,
  categoricalFeature,
  createTestEnv,
  engineRepositories,
  fastOptions,
  numericFeature,
  random,
  sampleGrid,
  waitFor,
  type RawEvent,
  type TestEnv,
} from './support/ingest-harness';

const PARTITIONS = 6;
const MODELS = ['alpha', 'beta', 'gamma'];
const baselines = [
  baselineOf('alpha', 'b-alpha-1', [numericFeature('x', [0.25, 0.5, 0.75], 0, 1, sampleGrid(0, 1, 100, 11)), categoricalFeature('c', ['a', 'b'])]),
  baselineOf('beta', 'b-beta-1', [numericFeature('x', [0.1, 0.9], 0.05, 0.95, sampleGrid(0, 1, 50, 12)), categoricalFeature('c', ['a', 'z'])]),
  // gamma has no baseline: counted by volume, missing values and feature names only.
];

interface Produced {
  event: RawEvent;
  key: string;
}

/**
 * A chunk of the stream: events of every model over about `spanMs` from `startMs`, out of order by
 * up to 3 s (the bound is 5 s). Half keyed by model id (one partition per model), half by a random
 * key (spread over all partitions), so one window gets deltas from partitions of both members.
 */
function chunk(n: number, from: number, startMs: number, spanMs: number, seed: number): Produced[] {
  const r = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const modelId = MODELS[Math.floor(r() * MODELS.length)];
    const event: RawEvent = {
      eventId: `e${from + i}`,
      modelId,
      modelVersion: '1',
      timestamp: Math.max(T0, startMs + Math.floor((i * spanMs) / n) - Math.floor(r() * 3_000)),
      features: { x: r() < 0.1 ? null : r(), c: ['a', 'b', 'z'][Math.floor(r() * 3)], ...(r() < 0.05 ? { x: 'oops' } : {}) },
    };
    return { event, key: i % 2 === 0 ? modelId : randomBytes(6).toString('hex') };
  });
}

async function storedEvents(store: Store, models: readonly string[] = MODELS): Promise<number> {
  let n = 0;
  for (const modelId of models) {
    for (const w of await store.windows.windows({ modelId, from: 0, to: T0 + 3_600_000 })) n += w.eventCount;
  }
  return n;
}

function storedFeatures(w: WindowAggregate) {
  return Object.fromEntries(
    w.features.map((f) => [f.feature, { count: f.count, missing: f.missing, typeErrors: f.typeErrors, bins: f.bins, fineBins: f.fineBins, categories: f.categories }]),
  );
}

describe('aggregator: several instances in one consumer group', () => {
  let t: TestEnv;
  let store: Store;
  const engines: IngestEngine[] = [];
  const newEngine = () => {
    const engine = new IngestEngine({ config: t.config, store, kafka: t.kafka, options: fastOptions(), ...engineRepositories(store) });
    engines.push(engine);
    return engine;
  };

  beforeAll(async () => {
    t = await createTestEnv('instances', { partitions: PARTITIONS });
    store = await openStore(t.config);
    for (const b of baselines) await store.baselines.save(b);
  });

  afterAll(async () => {
    for (const e of engines) await e.stop().catch(() => undefined);
    await store?.close();
    await t?.cleanup();
  });

  it('keeps exact per-window, per-feature totals while partitions move between members, with no double count', async () => {
    const produced: Produced[] = [];
    const produce = async (batch: Produced[]) => {
      await sendRecords(
        t.producer,
        t.config.topics.events,
        batch.map((p) => ({ key: p.key, value: Buffer.from(JSON.stringify(p.event)) })),
      );
      produced.push(...batch);
    };
    // Twelve chunks over four minutes of event time: windows close by watermark along the way.
    const chunks = Array.from({ length: 12 }, (_, k) => chunk(250, k * 250, T0 + k * 20_000, 20_000, 100 + k));

    const a = newEngine();
    await a.start();
    await a.whenAssigned();
    await produce(chunks[0]);
    await produce(chunks[1]);

    // The second member joins while the first is ingesting: the first gives up half its partitions.
    const b = newEngine();
    await b.start();
    await b.whenAssigned();
    await produce(chunks[2]);
    await produce(chunks[3]);
    await waitFor('each member owning three partitions', () => a.status().partitions.length === 3 && b.status().partitions.length === 3);
    expect([...a.status().partitions, ...b.status().partitions].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    await produce(chunks[4]);
    await produce(chunks[5]);
    await waitFor('the first half in the store', async () => (await storedEvents(store)) === 6 * 250);

    // The first member stops gracefully while events keep coming: the survivor takes over its
    // partitions from their committed offsets and flush plans (open windows included).
    await produce(chunks[6]);
    const stopping = a.stop();
    await produce(chunks[7]);
    await stopping;
    for (const c of chunks.slice(8)) await produce(c);
    await waitFor('the survivor owning every partition', () => b.status().partitions.length === PARTITIONS);
    await waitFor('every event in the store', async () => (await storedEvents(store)) >= produced.length);

    // Every partition got events, hence deltas from both members went into the same windows.
    const ends = await t.admin.fetchTopicOffsets(t.config.topics.events);
    expect(ends.filter((p) => Number(p.high) > 0)).toHaveLength(PARTITIONS);
    // Everything is committed by the survivor, so nothing will be replayed later.
    await waitFor('offsets committed to the end of every partition', async () => {
      const [committed] = await t.admin.fetchOffsets({ groupId: t.config.kafka.groups.aggregator, topics: [t.config.topics.events] });
      return committed.partitions.every((p) => p.offset === ends.find((e) => e.partition === p.partition)!.high);
    });
    // Settled: a double count would show up as totals above what was produced.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await storedEvents(store)).toBe(produced.length);

    const expected = expectedWindows(
      produced.map((p) => p.event),
      baselines,
      MIN,
    );
    for (const modelId of MODELS) {
      const windows = await store.windows.windows({ modelId, from: 0, to: T0 + 3_600_000 });
      const want = [...expected.values()].filter((w) => w.modelId === modelId);
      expect(windows.map((w) => [w.windowStart, w.eventCount])).toEqual(want.map((w) => [w.windowStart, w.events]));
      for (const w of windows) expect(storedFeatures(w), `${modelId}@${w.windowStart}`).toEqual(expected.get(`${modelId}@${w.windowStart}`)!.features);
    }
  }, 120_000);
});

/**
 * The store as one member sees it, with the writes of flush plans held back while `hold` is set:
 * a slow store (a busy server, a network stall) under a flush that runs between consumer batches.
 */
function slowPlanStore(store: Store, hold: { ms: number; times: number; started: () => void }): Store {
  const client = new Proxy(store.client.client, {
    get(target, prop) {
      if (prop === 'insert') {
        return async (params: { table: string }) => {
          if (hold.times > 0 && params.table.includes('ingest_flushes')) {
            hold.times -= 1;
            hold.started();
            await new Promise((r) => setTimeout(r, hold.ms));
          }
          return target.insert(params as Parameters<typeof target.insert>[0]);
        };
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const storeClient = new Proxy(store.client, {
    get(target, prop) {
      if (prop === 'client') return client;
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new Proxy(store, { get: (target, prop) => (prop === 'client' ? storeClient : Reflect.get(target, prop)) });
}

describe('aggregator: a flush in flight while its partition moves to another member', () => {
  let t: TestEnv;
  let store: Store;
  const engines: IngestEngine[] = [];

  beforeAll(async () => {
    t = await createTestEnv('zombie', { partitions: 2 });
    store = await openStore(t.config);
    for (const b of baselines) await store.baselines.save(b);
  });

  afterAll(async () => {
    for (const e of engines) await e.stop().catch(() => undefined);
    await store?.close();
    await t?.cleanup();
  });

  it('is never counted twice: the old owner abandons it, the new owner replays or supersedes it', async () => {
    const produced: RawEvent[] = [];
    const produce = async (n: number, from: number) => {
      const batch = Array.from({ length: n }, (_, i) => ({
        event: { eventId: `z${from + i}`, modelId: 'alpha', modelVersion: '1', timestamp: T0 + from + i, features: { x: (i % 100) / 100, c: 'a' } },
        partition: i % 2,
      }));
      await sendRecords(
        t.producer,
        t.config.topics.events,
        batch.map((p) => ({ key: p.event.modelId, partition: p.partition, value: Buffer.from(JSON.stringify(p.event)) })),
      );
      produced.push(...batch.map((p) => p.event));
    };
    let planHeld!: () => void;
    const held = new Promise<void>((r) => (planHeld = r));
    const hold = { ms: 3_000, times: 0, started: () => planHeld() };
    const warnings: string[] = [];
    const log = { log: () => undefined, warn: (m: string) => void warnings.push(m), error: () => undefined };
    const slow = slowPlanStore(store, hold);
    const a = new IngestEngine({ config: t.config, store: slow, kafka: t.kafka, options: fastOptions(), ...engineRepositories(slow), log });
    engines.push(a);
    await a.start();
    await a.whenAssigned();
    await produce(100, 0);
    await waitFor('the first events in the store', async () => (await storedEvents(store, ['alpha'])) === 100);

    // The next flush of the first member, taken between batches, stalls while writing its plan …
    hold.times = 2;
    await produce(40, 100);
    await held;
    // … and meanwhile a second member joins and gets one of the partitions, then more events come.
    const b = new IngestEngine({ config: t.config, store, kafka: t.kafka, options: fastOptions(), ...engineRepositories(store) });
    engines.push(b);
    await b.start();
    await b.whenAssigned();
    await produce(40, 140);

    await waitFor('each member owning one partition', () => a.status().partitions.length === 1 && b.status().partitions.length === 1);
    await waitFor('every event in the store', async () => (await storedEvents(store, ['alpha'])) >= produced.length);
    expect(warnings.some((m) => m.includes('the flush is given up'))).toBe(true);
    await waitFor('the stalled plan writes to be over', () => hold.times === 0);
    await new Promise((r) => setTimeout(r, 4_000));
    const [w] = await store.windows.windows({ modelId: 'alpha', from: T0, to: T0 + 1 });
    expect(w.eventCount).toBe(produced.length);
    expect(storedFeatures(w)).toEqual(expectedWindows(produced, baselines, MIN).get(`alpha@${T0}`)!.features);
  }, 60_000);
});
