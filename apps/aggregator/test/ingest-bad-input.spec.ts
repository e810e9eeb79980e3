import { encodeInferenceEvent } from '@driftwatch/contracts';
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
  readTopic,
  waitFor,
  type RawEvent,
  type TestEnv,
} from './support/ingest-harness';

const MAX_BYTES = 2_048;
const model = baselineOf('scorer', 'b-scorer-1', [numericFeature('income', [20, 40, 60], 0, 100, evenGrid(0, 1, 99)), categoricalFeature('region', ['north', 'south'])]);

let t: TestEnv;
let store: Store;
let engine: IngestEngine;

beforeAll(async () => {
  t = await createTestEnv('bad-input', { partitions: 1, maxEventBytes: MAX_BYTES });
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

const good = (i: number, features: Record<string, unknown>): RawEvent => ({
  eventId: `g${i}`,
  modelId: 'scorer',
  modelVersion: '1',
  timestamp: T0 + i * 1_000,
  features,
});
const json = (e: unknown) => Buffer.from(JSON.stringify(e));


describe('aggregator: bad input', () => {
  it('dead-letters undecodable, invalid and oversized messages with reasons and original bytes, and counts the good ones around them', async () => {
    const invalidBefore = await invalidCount();
    const countedEvents: RawEvent[] = [
      good(0, { income: 10, region: 'north' }),
      good(1, { income: 'lots', region: 'south' }), // wrong type: a counted type error, not a dead letter
      good(2, { income: 55, region: 'west', note: 'hi' }),
      good(3, { income: null, region: 42 }),
      good(4, { income: 99.5, region: false }),
    ];
    const avroEvent = good(5, { income: 61, region: 'south' });
    const records: OutgoingRecord[] = [
      { value: json(countedEvents[0]), headers: { 'x-trace': 'keep-me' } },
      { value: Buffer.from('{"eventId": "broken", '), headers: { 'x-trace': 'malformed' } },
      { value: json(countedEvents[1]) },
      { value: json({ modelId: 'scorer', modelVersion: '1', timestamp: T0, features: {} }) }, // no eventId
      { value: json(countedEvents[2]) },
      { value: Buffer.from([0x02, 0x41, 0xff, 0xff, 0xff]) }, // bad Avro
      { value: encodeInferenceEvent({ ...avroEvent, eventId: avroEvent.eventId! } as never, 'avro') },
      { value: json({ ...good(6, { income: 1 }), pad: 'x'.repeat(MAX_BYTES) }) }, // oversized
      { value: json(countedEvents[3]) },
      { value: null }, // tombstone
      { value: json(countedEvents[4]) },
    ];
    await sendRecords(t.producer, t.config.topics.events, records);

    const dlq = await readTopic(t.kafka, t.config.topics.dlq, (ms) => ms.length >= 5);
    expect(dlq).toHaveLength(5);
    const byOffset = new Map(dlq.map((m) => [Number(readDlqMetadata(m.headers)!.sourceOffset), m]));
    const reasons = Object.fromEntries([...byOffset].map(([o, m]) => [o, readDlqMetadata(m.headers)!.reason]));
    expect(reasons[1]).toMatch(/^malformed: malformed JSON/);
    expect(reasons[3]).toMatch(/^invalid: .*eventId/);
    expect(reasons[5]).toMatch(/^malformed: malformed Avro/);
    expect(reasons[7]).toMatch(/^payload-too-large: payload too large: \d+ bytes > limit of 2048 bytes/);
    expect(reasons[9]).toMatch(/^empty-payload/);
    for (const offset of [1, 3, 5, 7]) expect(byOffset.get(offset)!.value!.equals(records[offset].value as Buffer)).toBe(true);
    expect(byOffset.get(1)!.headers!['x-trace']!.toString()).toBe('malformed');
    expect(readDlqMetadata(byOffset.get(1)!.headers)!.sourceTopic).toBe(t.config.topics.events);

    await waitFor('the good events in the store', async () => {
      const [w] = await store.windows.windows({ modelId: 'scorer', from: T0, to: T0 + MIN });
      return w?.eventCount === 6;
    });
    const [w] = await store.windows.windows({ modelId: 'scorer', from: T0, to: T0 + MIN });
    const expected = expectedWindows([...countedEvents, avroEvent], [model], MIN).get(`scorer@${T0}`)!;
    expect(w.eventCount).toBe(expected.events);
    expect(Object.fromEntries(w.features.map((f) => [f.feature, { count: f.count, missing: f.missing, typeErrors: f.typeErrors, bins: f.bins, fineBins: f.fineBins, categories: f.categories }]))).toEqual(
      expected.features,
    );
    expect(await invalidCount()).toBe(invalidBefore + 5);
  });

  it('dead-letters an event stamped far ahead of the clock, so the events after it are neither lost nor late', async () => {
    const invalidBefore = await invalidCount();
    // A window after the first test's: its events are on time for the watermark it left.
    const start = T0 + 2 * MIN;
    const inWindow = (i: number, income: number): RawEvent => ({ ...good(100 + i, { income, region: 'south' }), timestamp: start + i * 1_000 });
    const future = Date.now() + 3 * 86_400_000 + 600_000;
    const aheadEvent: RawEvent = { ...good(150, { income: 30, region: 'north' }), timestamp: new Date(future).toISOString() };
    const before = [inWindow(0, 5), inWindow(1, 25)];
    const after = [inWindow(2, 45), inWindow(3, 65), inWindow(4, 85)];
    const records: OutgoingRecord[] = [
      ...before.map((e) => ({ value: json(e) })),
      { value: json(aheadEvent), headers: { 'x-trace': 'from-the-future' } },
      ...after.map((e) => ({ value: json(e) })),
    ];
    await sendRecords(t.producer, t.config.topics.events, records);

    const isFuture = (m: { headers?: Parameters<typeof readDlqMetadata>[0] }) => /^future-timestamp:/.test(readDlqMetadata(m.headers)!.reason);
    const dlq = (await readTopic(t.kafka, t.config.topics.dlq, (ms) => ms.some(isFuture))).filter(isFuture);
    expect(dlq).toHaveLength(1);
    expect(readDlqMetadata(dlq[0].headers)!.reason).toBe(
      `future-timestamp: timestamp ${new Date(future).toISOString()} is 3 days ahead of the aggregator clock (limit 3600 s)`,
    );
    expect(dlq[0].value!.equals(records[2].value as Buffer)).toBe(true);
    expect(dlq[0].headers!['x-trace']!.toString()).toBe('from-the-future');

    await waitFor('the events around it in the store', async () => (await store.windows.window('scorer', '1', start))?.eventCount === 5);
    const w = (await store.windows.window('scorer', '1', start))!;
    expect(w.lateCount).toBe(0);
    const expected = expectedWindows([...before, ...after], [model], MIN).get(`scorer@${start}`)!;
    expect(Object.fromEntries(w.features.map((f) => [f.feature, { count: f.count, missing: f.missing, typeErrors: f.typeErrors, bins: f.bins, fineBins: f.fineBins, categories: f.categories }]))).toEqual(
      expected.features,
    );
    expect(await invalidCount()).toBe(invalidBefore + 1);

    // Within the limit, an event ahead of the clock is counted as usual.
    const soon = Date.now() + 20 * MIN;
    await sendRecords(t.producer, t.config.topics.events, [{ value: json({ ...good(151, { income: 1, region: 'north' }), timestamp: soon }) }]);
    await waitFor('the event 20 min ahead in the store', async () => (await store.windows.windows({ modelId: 'scorer', from: soon - MIN, to: soon + 1 })).length === 1);
    expect(await invalidCount()).toBe(invalidBefore + 1);
  });

  it('dead-letters events of models without a baseline when the policy says so', async () => {
    // Its own events topic and group, so the first test's messages are not consumed (and counted) again.
    const events = `${t.config.topics.events}.strict`;
    await t.admin.createTopics({ topics: [{ topic: events, numPartitions: 1 }], waitForLeaders: true });
    const strict = new IngestEngine({
      config: {
        ...t.config,
        topics: { ...t.config.topics, events },
        kafka: { ...t.config.kafka, groups: { ...t.config.kafka.groups, aggregator: `${t.config.kafka.groups.aggregator}-strict` } },
      },
      store,
      kafka: t.kafka,
      ...engineRepositories(store),
      options: fastOptions({ unknownModelPolicy: 'dlq' }),
    });
    await sendRecords(t.producer, events, [{ value: json({ ...good(9, { a: 1 }), modelId: 'stranger' }) }]);
    await strict.start();
    try {
      const dlq = await readTopic(t.kafka, t.config.topics.dlq, (ms) => ms.some((m) => /no-baseline/.test(readDlqMetadata(m.headers)!.reason)));
      const reason = dlq.map((m) => readDlqMetadata(m.headers)!.reason).find((r) => /no-baseline/.test(r));
      expect(reason).toBe('no-baseline: model stranger version 1 has no baseline');
      expect(await store.windows.windows({ modelId: 'stranger', from: 0, to: T0 + MIN })).toEqual([]);
    } finally {
      await strict.stop();
      await t.admin.deleteTopics({ topics: [events] }).catch(() => undefined);
    }
  });
});
