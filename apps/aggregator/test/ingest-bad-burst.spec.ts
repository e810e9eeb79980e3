import { readDlqMetadata, sendRecords, type OutgoingRecord } from '@driftwatch/kafka';
import { openStore, type Store } from '@driftwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestEngine } from '../src/ingest/ingest-engine';
import { expectedWindows } from './support/expected-windows';
import {
  T0,
  MIN,
  baselineOf,
  categoricalFeature,
  createTestEnv,
  engineRepositories,
  evenGrid,
  fastOptions,
  invalidCount,
  numericFeature,
  random,
  readTopic,
  waitFor,
  type RawEvent,
  type TestEnv,
} from './support/ingest-harness';

// The burst that once wedged a partition for good: thousands of good events with about a
// thousand hostile messages shuffled in, some of them close to the broker's 1 MB limit, so that
// the dead letters of one fetched batch add up to far more than one record batch may hold.
const PARTITIONS = 3;
const GOOD = 3_000;
const DLQ_LIMIT = 1_048_588;
const model = baselineOf('burst', 'b-burst-1', [
  numericFeature('income', [20, 40, 60], 0, 100, evenGrid(0, 1, 99)),
  categoricalFeature('region', ['north', 'south']),
]);

let t: TestEnv;
let store: Store;
let engine: IngestEngine;

beforeAll(async () => {
  // The local broker takes records up to 2 MiB; the DLQ keeps Kafka's stock 1 MB limit, as on
  // a broker whose events topic was raised and whose DLQ was not.
  t = await createTestEnv('bad-burst', { partitions: PARTITIONS, dlqMaxMessageBytes: DLQ_LIMIT });
  store = await openStore(t.config);
  await store.baselines.save(model);
  engine = new IngestEngine({ config: t.config, store, kafka: t.kafka, options: fastOptions(), ...engineRepositories(store) });
  await engine.start();
});

afterAll(async () => {
  await engine?.stop();
  await store?.close();
  await t?.cleanup();
});

const json = (e: unknown) => Buffer.from(JSON.stringify(e));
const valid = (i: number, extra: Record<string, unknown> = {}) => ({
  eventId: `bad-${i}`,
  modelId: 'burst',
  modelVersion: '1',
  timestamp: T0 + 30_000,
  features: { income: 50, region: 'north' },
  ...extra,
});

/** About a thousand messages the aggregator must dead-letter, each a different way to be wrong. */
function badMessages(r: () => number): Buffer[] {
  const out: (Buffer | null)[] = [];
  const repeat = (n: number, make: (i: number) => Buffer | null) => {
    for (let i = 0; i < n; i++) out.push(make(out.length));
  };
  repeat(150, (i) => Buffer.from(JSON.stringify(valid(i)).slice(0, 5 + Math.floor(r() * 60)))); // malformed JSON
  repeat(150, () => Buffer.from(Array.from({ length: 1 + Math.floor(r() * 200) }, () => Math.floor(r() * 256)))); // binary garbage
  const shapes = ['{}', '[]', '[{"eventId":"x"}]', 'null', '""', '0', 'true', '   '];
  repeat(100, (i) => Buffer.from(shapes[i % shapes.length])); // empty and non-object documents
  repeat(100, (i) => {
    const e: Record<string, unknown> = valid(i);
    delete e[['eventId', 'modelId', 'modelVersion'][i % 3]];
    return json(e);
  }); // a missing id
  const stamps = [1_764_000_000, '1764000000', 'yesterday', -1, 1e20, '2026-13-45T00:00:00Z', null];
  repeat(100, (i) => json(valid(i, { timestamp: stamps[i % stamps.length] }))); // seconds and nonsense
  repeat(50, (i) => Buffer.from(`{"eventId":"bad-${i}","modelId":"burst","modelVersion":"1","timestamp":${T0},"features":{"deep":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}}`)); // deeply nested
  repeat(100, (i) =>
    Buffer.from(
      i % 2 === 0
        ? `{"__proto__":{"polluted":true},"eventId":"bad-${i}","modelId":"burst","modelVersion":"1","timestamp":${T0},"features":{"income":1}}`
        : `{"eventId":"bad-${i}","modelId":"burst","modelVersion":"1","timestamp":${T0},"features":{"constructor":{"prototype":{"x":1}}}}`,
    ),
  ); // prototype keys
  repeat(20, (i) => json(valid(i, { features: Object.fromEntries(Array.from({ length: 20_000 }, (_, k) => [`f${k}`, k])) }))); // 20 000 features
  repeat(10, (i) => json(valid(i, { features: { income: 1, note: 'x'.repeat(900_000) } }))); // 900 KB strings
  // Over the DLQ topic's limit: only a bounded prefix of these can be kept.
  repeat(5, (i) => json(valid(i, { features: { income: 1, note: 'y'.repeat(1_500_000) } })));
  repeat(20, () => null); // tombstones
  repeat(20, (i) => json(valid(i, { timestamp: Date.now() + 10 * 86_400_000 }))); // far future
  repeat(50, (i) => json(valid(i, { eventId: 1000 + i }))); // an id of the wrong type
  repeat(80, (i) => json(valid(i, { features: i % 2 ? [1, 2, 3] : 'income=3' }))); // features not a map
  return out as Buffer[];
}


describe('aggregator: a burst of bad input among good events', () => {
  it('counts every good event exactly and dead-letters every bad message with a reason, in bounded time', async () => {
    const r = random(14);
    const regions = ['north', 'south', 'west', null];
    const good: RawEvent[] = Array.from({ length: GOOD }, (_, i) => ({
      eventId: `g${i}`,
      modelId: 'burst',
      modelVersion: '1',
      timestamp: T0 + i * 60,
      features: { income: Math.floor(r() * 1000) / 10, region: regions[Math.floor(r() * regions.length)] },
    }));
    const bad = badMessages(r);
    // Good events keep their order; bad ones land at random places between them.
    const stream: OutgoingRecord[] = good.map((e) => ({ value: json(e) }));
    bad.forEach((value, i) => stream.splice(Math.floor(r() * (stream.length + 1)), 0, { value, headers: { 'x-bad': String(i) } }));
    const records = stream.map((rec, i) => ({ ...rec, partition: i % PARTITIONS }));
    const invalidBefore = await invalidCount();

    const started = Date.now();
    await sendRecords(t.producer, t.config.topics.events, records, { maxBatchBytes: 2 * 1024 * 1024 });
    const sent = Date.now();
    const dlq = await readTopic(t.kafka, t.config.topics.dlq, (ms) => ms.length >= bad.length, 120_000);
    const windowsOf = () => store.windows.windows({ modelId: 'burst', from: T0, to: T0 + 4 * MIN });
    await waitFor('every good event in the store', async () => (await windowsOf()).reduce((n, w) => n + w.eventCount, 0) >= GOOD, 120_000);
    const drained = Date.now();

    // Every bad message once, with its own reason; no good event among them.
    const badIds = dlq.map((m) => m.headers?.['x-bad']?.toString());
    expect(badIds.filter((id) => id === undefined)).toEqual([]);
    expect(new Set(badIds).size).toBe(bad.length);
    expect(dlq).toHaveLength(bad.length);
    const reasons = dlq.map((m) => readDlqMetadata(m.headers)!.reason);
    for (const reason of reasons) expect(reason).toMatch(/^[a-z-]+: \S/);
    const byCode = new Map<string, number>();
    for (const reason of reasons) {
      const code = reason.slice(0, reason.indexOf(':'));
      byCode.set(code, (byCode.get(code) ?? 0) + 1);
    }
    expect([...byCode.keys()].filter((c) => !['empty-payload', 'future-timestamp', 'invalid', 'malformed', 'oversized', 'unknown-schema'].includes(c))).toEqual([]);
    expect(byCode.get("oversized")).toBe(5);
    expect(byCode.get('future-timestamp')).toBe(20);
    // The 900 KB messages keep a bounded prefix and say so; every other one keeps its bytes.
    for (const m of dlq) {
      const i = Number(m.headers!['x-bad']!.toString());
      const reason = readDlqMetadata(m.headers)!.reason;
      if (reason.startsWith('oversized')) {
        expect(bad[i]!.length).toBeGreaterThan(1_500_000);
        expect(m.value!.length).toBeLessThanOrEqual(64 * 1024);
        expect(bad[i]!.subarray(0, m.value!.length).equals(m.value!)).toBe(true);
      } else if (bad[i] === null) {
        expect(m.value).toBeNull();
      } else {
        expect(m.value!.equals(bad[i]!)).toBe(true);
      }
    }

    // The good events, exactly: per window, per feature, per bin.
    const windows = await windowsOf();
    const expected = expectedWindows(good, [model], MIN);
    expect(windows.map((w) => `burst@${w.windowStart}`).sort()).toEqual([...expected.keys()].sort());
    for (const w of windows) {
      const e = expected.get(`burst@${w.windowStart}`)!;
      expect(w.eventCount).toBe(e.events);
      expect(Object.fromEntries(w.features.map((f) => [f.feature, { count: f.count, missing: f.missing, typeErrors: f.typeErrors, bins: f.bins, fineBins: f.fineBins, categories: f.categories }]))).toEqual(e.features);
    }
    expect(await invalidCount()).toBe(invalidBefore + bad.length);
    console.log(
      `bad-burst: ${GOOD} good events counted, ${dlq.length}/${bad.length} bad messages in the DLQ ` +
        `(${[...byCode].map(([c, n]) => `${c} ${n}`).join(', ')}); produced in ${sent - started} ms, drained ${drained - sent} ms after`,
    );
  }, 240_000);
});
