import { OTHER_CATEGORY } from '@driftwatch/stats';
import { openStore, PolicyRepository, type Store } from '@driftwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestEngine } from '../src/ingest/ingest-engine';
import {
  T0,
  MIN,
  baselineOf,
  categoricalFeature,
  createTestEnv,
  engineRepositories,
  fastOptions,
  produceEvents,
  waitFor,
  type RawEvent,
  type TestEnv,
} from './support/ingest-harness';

// A hostile producer: a high-cardinality category and a fresh random key on every event.
const model = baselineOf('bounded', 'b-bounded-1', [categoricalFeature('merchant', ['m0', 'm1'])]);
const EVENTS = 3000;
const MAX_CATEGORIES = 20;
const MAX_UNKNOWN = 5;

let t: TestEnv;
let store: Store;
let engine: IngestEngine;

beforeAll(async () => {
  t = await createTestEnv('bounds', { partitions: 1 });
  store = await openStore(t.config);
  await store.baselines.save(model);
  await new PolicyRepository(store.client).put('bounded', { drift: { maxCategories: MAX_CATEGORIES } });
  engine = new IngestEngine({
    config: t.config,
    store,
    kafka: t.kafka,
    options: fastOptions({ maxUnknownFeatures: MAX_UNKNOWN }),
    ...engineRepositories(store),
  });
  await engine.start();
});

afterAll(async () => {
  await engine?.stop();
  await store?.close();
  await t?.cleanup();
});

describe('aggregator: bounded cardinality against the real broker and engine', () => {
  it("stores at most the policy's maxCategories + __other__ per feature and MAX_UNKNOWN unknown names + __other__, counting every value", async () => {
    const events: RawEvent[] = Array.from({ length: EVENTS }, (_, i) => ({
      eventId: `e${i}`,
      modelId: 'bounded',
      modelVersion: '1',
      timestamp: T0 + Math.floor((i * MIN) / EVENTS),
      // m0 is common; every other value is a category of its own.
      features: { merchant: i % 3 === 0 ? 'm0' : `shop-${i}`, [`junk-${i}`]: i },
    }));
    await produceEvents(t.producer, t.config.topics.events, events.map((event) => ({ event })));

    await waitFor(
      'every event in the store',
      async () => {
        const [w] = await store.windows.windows({ modelId: 'bounded', from: T0, to: T0 + MIN });
        return w?.eventCount === EVENTS;
      },
      60_000,
    );
    const [w] = await store.windows.windows({ modelId: 'bounded', from: T0, to: T0 + MIN });
    const merchant = w.features.find((f) => f.feature === 'merchant')!;
    // Each flush stores at most K + 1 keys; the sum over the flushes is read back uncapped,
    // but stays within K + 1 per flush, far below the 2000 distinct values sent.
    expect(merchant.categories.m0).toBe(EVENTS / 3);
    expect(merchant.categories[OTHER_CATEGORY]).toBeGreaterThan(0);
    expect(Object.values(merchant.categories).reduce((s, n) => s + n, 0)).toBe(EVENTS);
    const rows = await store.client.client.query({
      query: `SELECT max(length(mapKeys(categories))) AS widest, count() AS n FROM ${store.client.table('window_features')} WHERE model_id = 'bounded' AND feature = 'merchant'`,
      format: 'JSONEachRow',
    });
    const [{ widest }] = await rows.json<{ widest: number }>();
    expect(Number(widest)).toBeLessThanOrEqual(MAX_CATEGORIES + 1);

    const unknown = w.features.filter((f) => f.feature !== 'merchant').map((f) => f.feature);
    expect(unknown).toHaveLength(MAX_UNKNOWN + 1);
    expect(unknown).toContain(OTHER_CATEGORY);
    const other = w.features.find((f) => f.feature === OTHER_CATEGORY)!;
    expect(other.count).toBe(EVENTS - MAX_UNKNOWN);
  });
});
