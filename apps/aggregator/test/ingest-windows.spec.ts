import { decodeWindowClosed, type WindowClosedMessage } from '@driftwatch/contracts';
import { FeatureKindRepository, openStore, type Store, type WindowAggregate } from '@driftwatch/store';
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
  evenGrid,
  numericFeature,
  produceEvents,
  random,
  readTopic,
  waitFor,
  type RawEvent,
  type TestEnv,
} from './support/ingest-harness';

const PARTITIONS = 3;
const credit = baselineOf('credit', 'b-credit-1', [
  // Values on the tenths and whole years: many land exactly on a fine edge (side="right").
  numericFeature('income', [20, 40, 60], 5, 95, evenGrid(0, 1, 99)),
  numericFeature('age', [30, 45], 18, 80, evenGrid(17, 0.5, 125)),
  categoricalFeature('region', ['north', 'south', 'east']),
  categoricalFeature('member', ['true', 'false'], 'boolean'),
]);

/** Credit events over windows W0 and W1, out of order by up to 4 s (the bound is 5 s), with every kind of bad value. */
function creditEvents(n: number): { event: RawEvent; partition: number }[] {
  const r = random(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const out: { event: RawEvent; partition: number }[] = [];
  for (let i = 0; i < n; i++) {
    const ts = Math.max(T0, T0 + Math.floor((i * 2 * MIN) / n) - Math.floor(r() * 4_000));
    const features: Record<string, unknown> = {};
    const u = r();
    if (u < 0.1) features.income = null;
    else if (u < 0.13) features.income = '12.5'; // a number sent as text: type error
    else if (u >= 0.16) features.income = Math.round(r() * 1000) / 10; // 0..100, some out of range; absent otherwise
    if (r() > 0.05) features.age = 15 + Math.floor(r() * 70);
    const v = r();
    features.region = v < 0.02 ? 7 : v < 0.04 ? true : pick(['north', 'south', 'east', 'west']);
    features.member = r() < 0.03 ? 'yes' : r() < 0.5;
    if (r() < 0.2) features.extra = r() < 0.5 ? r() : 'x';
    out.push({ event: { eventId: `c${i}`, modelId: 'credit', modelVersion: '1', timestamp: ts, features, prediction: r() }, partition: i % PARTITIONS });
  }
  return out;
}

function newbieEvents(n: number, from: number, start: number): { event: RawEvent; partition: number }[] {
  return Array.from({ length: n }, (_, i) => ({
    event: {
      eventId: `n${from + i}`,
      modelId: 'newbie',
      modelVersion: '1',
      timestamp: start + i * 100,
      features: { a: i % 4 === 0 ? null : i, b: i % 3 === 0 ? 'x' : true },
    },
    partition: 0,
  }));
}

let t: TestEnv;
let store: Store;
let engine: IngestEngine;
const produced: RawEvent[] = [];

async function produce(batch: { event: RawEvent; partition: number }[]): Promise<void> {
  await produceEvents(t.producer, t.config.topics.events, batch);
  produced.push(...batch.map((b) => b.event));
}

async function storedEvents(modelId: string): Promise<number> {
  const windows = await store.windows.windows({ modelId, from: 0, to: T0 + 3_600_000 });
  return windows.reduce((n, w) => n + w.eventCount, 0);
}

function closes(messages: { value: Buffer | null }[]): WindowClosedMessage[] {
  return messages.map((m) => {
    const r = decodeWindowClosed(m.value!);
    if (!r.ok) throw new Error(r.reason);
    return r.event;
  });
}

function compare(stored: WindowAggregate, expected: ReturnType<typeof expectedWindows> extends Map<string, infer W> ? W : never) {
  expect(stored.eventCount).toBe(expected.events);
  const got = Object.fromEntries(
    stored.features.map((f) => [f.feature, { count: f.count, missing: f.missing, typeErrors: f.typeErrors, bins: f.bins, fineBins: f.fineBins, categories: f.categories }]),
  );
  expect(got).toEqual(expected.features);
}

beforeAll(async () => {
  t = await createTestEnv('windows', { partitions: PARTITIONS, idleCloseSeconds: 1.5 });
  store = await openStore(t.config);
  await store.baselines.save(credit);
  engine = new IngestEngine({ config: t.config, store, kafka: t.kafka, options: fastOptions({ samplesPerWindow: 10 }), ...engineRepositories(store) });
  await engine.start();
});

afterAll(async () => {
  await engine?.stop();
  await store?.close();
  await t?.cleanup();
});

describe('aggregator: windows from a real broker into the embedded ClickHouse', () => {
  it('stores exact per-feature counts across partitions, closes windows by watermark, adds late events and closes idle windows', async () => {
    const main = creditEvents(3_000);
    await produce([...main, ...newbieEvents(60, 0, T0 + 1_000)]);
    await waitFor('the main events in the store', async () => (await storedEvents('credit')) === 3_000 && (await storedEvents('newbie')) === 60);

    // One event per partition far ahead: the watermark passes W0 and W1 (+ grace) everywhere.
    await produce([0, 1, 2].map((p) => ({ event: { eventId: `adv${p}`, modelId: 'credit', modelVersion: '1', timestamp: T0 + 200_000, features: { income: 50 } }, partition: p })));
    const windowsTopic = t.config.topics.windows;
    const closedByWatermark = (ms: { value: Buffer | null }[]) =>
      closes(ms).filter((c) => c.modelId === 'credit' && c.reason === 'watermark' && c.windowStart <= T0 + MIN).length === 2 * PARTITIONS;
    await readTopic(t.kafka, windowsTopic, closedByWatermark);

    // Now late: W0 and W1 are closed in every partition.
    const late = Array.from({ length: 30 }, (_, i) => ({
      event: { eventId: `late${i}`, modelId: 'credit', modelVersion: '1', timestamp: T0 + (i % 2) * MIN + 30_000, features: { income: i, region: 'south', age: null, member: false } },
      partition: i % PARTITIONS,
    }));
    await produce(late);
    await waitFor('the late events in the store', async () => (await storedEvents('credit')) === 3_000 + 3 + 30);

    const expected = expectedWindows(produced, [credit], MIN);
    const stored = await store.windows.windows({ modelId: 'credit', from: T0, to: T0 + 10 * MIN });
    expect(stored.map((w) => w.windowStart)).toEqual([T0, T0 + MIN, T0 + 3 * MIN]);
    for (const w of stored) compare(w, expected.get(`credit@${w.windowStart}`)!);
    expect(stored.map((w) => w.lateCount)).toEqual([15, 15, 0]);
    expect(stored[0].closedAt).not.toBeNull();
    // Out-of-range shares and the baseline id come with the bins.
    const income = stored[0].features.find((f) => f.feature === 'income')!;
    expect(income.baselineId).toBe('b-credit-1');
    const incomes = produced.filter((e) => e.modelId === 'credit' && Number(e.timestamp) < T0 + MIN && typeof e.features.income === 'number').map((e) => e.features.income as number);
    expect([income.outOfRangeLow, income.outOfRangeHigh]).toEqual([incomes.filter((x) => x < 5).length, incomes.filter((x) => x > 95).length]);

    // Late updates carry the window's totals; the quiet window W3 is closed on processing time.
    const messages = closes(
      await readTopic(t.kafka, windowsTopic, (ms) => {
        const cs = closes(ms);
        return cs.some((c) => c.reason === 'idle' && c.windowStart === T0 + 3 * MIN) && cs.some((c) => c.reason === 'late-update' && c.eventCount === stored[0].eventCount);
      }),
    );
    const w0Updates = messages.filter((c) => c.modelId === 'credit' && c.windowStart === T0 && c.reason === 'late-update');
    expect(Math.max(...w0Updates.map((c) => c.eventCount))).toBe(stored[0].eventCount);
    expect(Math.max(...w0Updates.map((c) => c.lateCount))).toBe(15);
    expect(messages.filter((c) => c.reason === 'idle').map((c) => c.windowStart)).toContain(T0 + 3 * MIN);
  }, 120_000); // several waits on a real broker: generous under a loaded machine

  it('counts a model without a baseline (volume, missing, value kinds), keeps a bounded sample, and picks up a baseline created later', async () => {
    const expected = expectedWindows(produced, [], MIN).get(`newbie@${T0}`)!;
    const [w] = await store.windows.windows({ modelId: 'newbie', from: T0, to: T0 + MIN });
    compare(w, expected);
    expect(w.features.every((f) => f.baselineId === '' && f.bins.length === 0)).toBe(true);
    const kinds = await new FeatureKindRepository(store.client).list({ modelId: 'newbie', from: T0, to: T0 + MIN });
    expect(kinds.map((k) => [k.feature, k.inBaseline, k.kinds])).toEqual([
      ['a', false, { number: 45 }],
      ['b', false, { boolean: 40, string: 20 }],
    ]);
    expect(await store.samples.count({ modelId: 'newbie', modelVersion: '1' })).toBe(10);

    const newbie = baselineOf('newbie', 'b-newbie-1', [numericFeature('a', [10, 20], 0, 60), categoricalFeature('b', ['x'])], Date.now());
    await store.baselines.save(newbie);
    await new Promise((r) => setTimeout(r, 400)); // > baselineRefreshMs
    const later = newbieEvents(30, 100, T0 + 6 * MIN);
    await produce(later);
    await waitFor('the events after the baseline', async () => (await storedEvents('newbie')) === 90);
    const [after] = await store.windows.windows({ modelId: 'newbie', from: T0 + 6 * MIN, to: T0 + 7 * MIN });
    compare(after, expectedWindows(later.map((l) => l.event), [newbie], MIN).get(`newbie@${T0 + 6 * MIN}`)!);
    expect(after.features.map((f) => f.baselineId)).toEqual(['b-newbie-1', 'b-newbie-1']);
    // The boolean in a categorical feature is a type error, and its kind is recorded.
    const typeErrors = await new FeatureKindRepository(store.client).list({ modelId: 'newbie', from: T0 + 6 * MIN, to: T0 + 7 * MIN });
    expect(typeErrors.map((k) => [k.feature, k.inBaseline, k.kinds])).toEqual([['b', true, { boolean: 20 }]]);
    expect(engine.isReady()).toBe(true);
  }, 120_000); // several waits on a real broker: generous under a loaded machine
});
