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
  sampleGrid,
  waitFor,
  type RawEvent,
  type TestEnv,
} from './support/ingest-harness';

// The predictions kept for the join with labels (table `predictions`, migration 0007): written
// by the flush under the plan's token, so exactly once across the replay of an interrupted flush.

const model = baselineOf('m', 'b-m-1', [numericFeature('x', [0.25, 0.5, 0.75], 0, 1, sampleGrid(0, 1, 100, 5)), categoricalFeature('c', ['a', 'b'])]);

function predictionOf(i: number, r: () => number): unknown {
  switch (i % 4) {
    case 0:
      return undefined;
    case 1:
      return r();
    case 2:
      return r() < 0.5 ? 'approve' : 'reject';
    default: {
      const p = r();
      return { approve: p, reject: 1 - p };
    }
  }
}

function events(n: number, from: number, startMs: number, spanMs: number, partitions: number, seed: number): { event: RawEvent; partition: number }[] {
  const r = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const prediction = predictionOf(i, r);
    return {
      event: {
        eventId: `e${from + i}`,
        modelId: i % 10 === 9 ? 'unseen' : 'm',
        modelVersion: '1',
        timestamp: startMs + Math.floor((i * spanMs) / n),
        features: { x: r() < 0.1 ? null : r(), c: ['a', 'b', 'z'][Math.floor(r() * 3)] },
        ...(prediction === undefined ? {} : { prediction }),
      },
      partition: i % partitions,
    };
  });
}

async function storedEvents(store: Store, modelId: string): Promise<number> {
  const windows = await store.windows.windows({ modelId, from: 0, to: T0 + 3_600_000 });
  return windows.reduce((n, w) => n + w.eventCount, 0);
}

/** Rows in the table, not FINAL: a replayed insert must have been dropped by its token, not merged away. */
async function rawPredictions(store: Store, modelId: string): Promise<number> {
  const [row] = await (
    await store.client.client.query({
      query: `SELECT count() AS n FROM ${store.client.table('predictions')} WHERE model_id = {m:String}`,
      query_params: { m: modelId },
      format: 'JSONEachRow',
    })
  ).json<{ n: unknown }>();
  return Number(row.n);
}

describe('aggregator: predictions kept for the join', () => {
  let t: TestEnv;
  let store: Store;

  beforeAll(async () => {
    t = await createTestEnv('predictions', { partitions: 2 });
    store = await openStore(t.config);
    await store.baselines.save(model);
    // No background merge may hide a duplicate row: what the raw counts see is what was inserted.
    await store.client.client.command({ query: `SYSTEM STOP MERGES ${store.client.table('predictions')}` });
  });

  afterAll(async () => {
    await store?.close();
    await t?.cleanup();
  });

  it('stores each prediction exactly once across a failure at every stage of a flush, and nothing for events without one', async () => {
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
        const batch = events(200, chunk * 200, T0 + chunk * MIN, 50_000, 2, 300 + chunk);
        await produceEvents(t.producer, t.config.topics.events, batch);
        produced.push(...batch.map((b) => b.event));
        const want = produced.length;
        await waitFor(`${want} events stored`, async () => (await storedEvents(store, 'm')) + (await storedEvents(store, 'unseen')) >= want);
      }
      expect(faults.map((f) => f.fired)).toEqual([true, true, true, true]);
    } finally {
      await engine.stop();
    }

    // The histograms are those of the same events without predictions (the baseline has no @prediction).
    const expected = expectedWindows(produced, [model], MIN);
    for (const modelId of ['m', 'unseen']) {
      const windows = await store.windows.windows({ modelId, from: 0, to: T0 + 3_600_000 });
      const want = [...expected.values()].filter((w) => w.modelId === modelId);
      expect(windows.map((w) => [w.windowStart, w.eventCount])).toEqual(want.map((w) => [w.windowStart, w.events]));
    }

    for (const modelId of ['m', 'unseen']) {
      const withPrediction = produced.filter((e) => e.modelId === modelId && e.prediction !== undefined);
      expect(withPrediction.length).toBeGreaterThan(0);
      expect(await rawPredictions(store, modelId)).toBe(withPrediction.length);
      expect(await store.predictions.count(modelId, 0, T0 + 3_600_000)).toBe(withPrediction.length);
    }

    // Every shape as sent, in the window of its event time; events without a prediction absent.
    const sent = produced.filter((e) => e.modelId === 'm').slice(0, 40);
    const got = new Map((await store.predictions.byEventIds('m', sent.map((e) => e.eventId!))).map((p) => [p.eventId, p]));
    for (const e of sent) {
      const p = got.get(e.eventId!);
      if (e.prediction === undefined) {
        expect(p).toBeUndefined();
        continue;
      }
      const start = Math.floor(Number(e.timestamp) / MIN) * MIN;
      expect(p).toMatchObject({ modelVersion: '1', eventTime: e.timestamp, windowStart: start, windowEnd: start + MIN });
      if (typeof e.prediction === 'number') expect([p!.kind, p!.number, p!.class]).toEqual(['number', e.prediction, null]);
      else if (typeof e.prediction === 'string') expect([p!.kind, p!.number, p!.class]).toEqual(['class', null, e.prediction]);
      else expect([p!.kind, p!.probabilities]).toEqual(['probabilities', e.prediction]);
    }
  });

  it('collapses an eventId produced twice to one prediction: the later message wins', async () => {
    const at = T0 + 40 * MIN;
    const base = { modelId: 'twice', modelVersion: '1', features: { x: 0.5 } };
    const engine = new IngestEngine({ config: t.config, store, kafka: t.kafka, options: fastOptions(), ...engineRepositories(store) });
    await engine.start();
    try {
      await produceEvents(t.producer, t.config.topics.events, [{ event: { ...base, eventId: 'd1', timestamp: at, prediction: 'approve' }, partition: 0 }]);
      await waitFor('the first copy', async () => (await rawPredictions(store, 'twice')) === 1);
      await produceEvents(t.producer, t.config.topics.events, [
        { event: { ...base, eventId: 'd1', timestamp: at + 1_000, prediction: 'reject' }, partition: 0 },
        { event: { ...base, eventId: 'd2', timestamp: at + 2_000 }, partition: 0 },
      ]);
      await waitFor('the second copy', async () => (await rawPredictions(store, 'twice')) === 2);
      await waitFor('all three events counted', async () => (await storedEvents(store, 'twice')) === 3);
    } finally {
      await engine.stop();
    }
    // Two rows until a merge; reads collapse them already.
    expect(await rawPredictions(store, 'twice')).toBe(2);
    expect(await store.predictions.count('twice', 0, T0 + 3_600_000)).toBe(1);
    const [p, ...rest] = await store.predictions.byEventIds('twice', ['d1', 'd2']);
    expect(rest).toEqual([]);
    expect([p.eventId, p.class, p.eventTime]).toEqual(['d1', 'reject', at + 1_000]);
  });
});
