import { decodeWindowClosed } from '@driftwatch/contracts';
import { openStore, type Store } from '@driftwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlushStage } from '../src/aggregator.options';
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
  produceEvents,
  random,
  readTopic,
  sampleGrid,
  waitFor,
  type RawEvent,
  type TestEnv,
} from './support/ingest-harness';

const model = baselineOf('m', 'b-m-1', [numericFeature('x', [0.25, 0.5, 0.75], 0, 1, sampleGrid(0, 1, 100, 5)), categoricalFeature('c', ['a', 'b'])]);

function events(n: number, from: number, startMs: number, spanMs: number, partitions: number, seed: number): { event: RawEvent; partition: number }[] {
  const r = random(seed);
  return Array.from({ length: n }, (_, i) => ({
    event: {
      eventId: `e${from + i}`,
      modelId: i % 10 === 9 ? 'unseen' : 'm',
      modelVersion: '1',
      timestamp: startMs + Math.floor((i * spanMs) / n),
      features: { x: r() < 0.1 ? null : r(), c: ['a', 'b', 'z'][Math.floor(r() * 3)] },
    },
    partition: i % partitions,
  }));
}

async function stored(store: Store, modelId: string): Promise<number> {
  const windows = await store.windows.windows({ modelId, from: 0, to: T0 + 3_600_000 });
  return windows.reduce((n, w) => n + w.eventCount, 0);
}

function featuresOf(w: { features: { feature: string; count: number; missing: number; typeErrors: number; bins: number[]; fineBins: number[]; categories: Record<string, number> }[] }) {
  return Object.fromEntries(w.features.map((f) => [f.feature, { count: f.count, missing: f.missing, typeErrors: f.typeErrors, bins: f.bins, fineBins: f.fineBins, categories: f.categories }]));
}

describe('aggregator: restarts', () => {
  let t: TestEnv;
  let store: Store;

  beforeAll(async () => {
    t = await createTestEnv('recovery', { partitions: 2 });
    store = await openStore(t.config);
    await store.baselines.save(model);
  });

  afterAll(async () => {
    await store?.close();
    await t?.cleanup();
  });

  it('continues a window across a graceful restart: exact totals, on-time events, one close by watermark per partition', async () => {
    const produced: RawEvent[] = [];
    const first = events(1_000, 0, T0, 30_000, 2, 1);
    const second = events(1_000, 1_000, T0 + 30_000, 29_000, 2, 2);
    const engine1 = new IngestEngine({ config: t.config, store, kafka: t.kafka, options: fastOptions(), ...engineRepositories(store) });
    await engine1.start();
    await produceEvents(t.producer, t.config.topics.events, first);
    produced.push(...first.map((e) => e.event));
    await waitFor('the first half', async () => (await stored(store, 'm')) === 900);
    await engine1.stop();

    const engine2 = new IngestEngine({ config: t.config, store, kafka: t.kafka, options: fastOptions(), ...engineRepositories(store) });
    await engine2.start();
    try {
      // Watermarks are per model: each model of each partition needs its own event past the window.
      const advance = [
        ...[0, 1].map((p) => ({ event: { eventId: `adv${p}`, modelId: 'm', modelVersion: '1', timestamp: T0 + 2 * MIN, features: {} }, partition: p })),
        { event: { eventId: 'adv-unseen', modelId: 'unseen', modelVersion: '1', timestamp: T0 + 2 * MIN, features: {} }, partition: 1 },
      ];
      await produceEvents(t.producer, t.config.topics.events, [...second, ...advance]);
      produced.push(...second.map((e) => e.event));
      const closes = (await readTopic(t.kafka, t.config.topics.windows, (ms) => ms.length >= 3))
        .map((m) => decodeWindowClosed(m.value!))
        .map((r) => (r.ok ? r.event : null))
        .filter((c) => c?.windowStart === T0);
      // "m" lives in both partitions, "unseen" (odd event numbers) only in partition 1.
      expect(closes.map((c) => [c!.modelId, c!.reason]).sort()).toEqual([
        ['m', 'watermark'],
        ['m', 'watermark'],
        ['unseen', 'watermark'],
      ]);
      const [w] = await store.windows.windows({ modelId: 'm', from: T0, to: T0 + 1 });
      const expected = expectedWindows(produced, [model], MIN).get(`m@${T0}`)!;
      expect(w.eventCount).toBe(expected.events);
      expect(w.lateCount).toBe(0);
      expect(featuresOf(w)).toEqual(expected.features);
    } finally {
      await engine2.stop();
    }
  });
});

describe('aggregator: a failure at every stage of a flush', () => {
  let t: TestEnv;
  let store: Store;

  beforeAll(async () => {
    t = await createTestEnv('faults', { partitions: 2 });
    store = await openStore(t.config);
    await store.baselines.save(model);
  });

  afterAll(async () => {
    await store?.close();
    await t?.cleanup();
  });

  it('replays the interrupted flush with the same boundary: no event lost or counted twice, no sample stored twice', async () => {
    const faults: { stage: FlushStage; flush: number; fired: boolean }[] = [
      { stage: 'planned', flush: 2, fired: false },
      { stage: 'deltas-written', flush: 4, fired: false },
      { stage: 'samples-written', flush: 6, fired: false },
      { stage: 'published', flush: 8, fired: false },
    ];
    const engine = new IngestEngine({
      config: t.config,
      store,
      kafka: t.kafka,
      ...engineRepositories(store),
      options: fastOptions({
        samplesPerWindow: 100_000,
        onFlushStage: (stage, info) => {
          const fault = faults.find((f) => !f.fired && f.stage === stage && info.flushNumber >= f.flush && info.toOffset !== null);
          if (fault) {
            fault.fired = true;
            throw new Error(`injected failure after ${stage} of flush ${info.flushNumber}`);
          }
        },
      }),
    });
    await engine.start();
    const produced: RawEvent[] = [];
    try {
      for (let chunk = 0; chunk < 30 && (chunk < 8 || faults.some((f) => !f.fired)); chunk++) {
        // Each chunk in its own minute, so windows close by watermark along the way.
        const batch = events(200, chunk * 200, T0 + chunk * MIN, 50_000, 2, 100 + chunk);
        await produceEvents(t.producer, t.config.topics.events, batch);
        produced.push(...batch.map((b) => b.event));
        const want = produced.length;
        await waitFor(`${want} events stored`, async () => (await stored(store, 'm')) + (await stored(store, 'unseen')) >= want);
      }
      expect(faults.map((f) => f.fired)).toEqual([true, true, true, true]);
    } finally {
      await engine.stop();
    }

    const expected = expectedWindows(produced, [model], MIN);
    for (const modelId of ['m', 'unseen']) {
      const windows = await store.windows.windows({ modelId, from: 0, to: T0 + 3_600_000 });
      const want = [...expected.values()].filter((w) => w.modelId === modelId);
      expect(windows.map((w) => [w.windowStart, w.eventCount])).toEqual(want.map((w) => [w.windowStart, w.events]));
      for (const w of windows) expect(featuresOf(w)).toEqual(expected.get(`${modelId}@${w.windowStart}`)!.features);
    }
    // Raw rows, not FINAL: a replayed sample insert must have been dropped by its token.
    const [row] = await (
      await store.client.client.query({ query: `SELECT count() AS n FROM ${store.client.table('event_samples')}`, format: 'JSONEachRow' })
    ).json<{ n: unknown }>();
    expect(Number(row.n)).toBe(produced.filter((e) => e.modelId === 'unseen').length);
  });
});
