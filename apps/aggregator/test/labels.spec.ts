import { encodeLabelEvent, type LabelEvent } from '@driftwatch/contracts';
import { ensureTopics, readDlqMetadata, sendRecords, type OutgoingRecord } from '@driftwatch/kafka';
import { LabelRepository, openStore, type Store } from '@driftwatch/store';
import { register, type Counter } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabelsConsumer, type LabelsConsumerDeps } from '../src/labels/labels-consumer';
import { T0, createTestEnv, fastOptions, readTopic, waitFor, type TestEnv } from './support/ingest-harness';

let t: TestEnv;
let store: Store;
let repo: LabelRepository;
const running: LabelsConsumer[] = [];

async function startConsumer(extra: Partial<LabelsConsumerDeps> = {}): Promise<LabelsConsumer> {
  const consumer = new LabelsConsumer({ config: t.config, kafka: t.kafka, labels: repo, consumer: fastOptions().consumer, ...extra });
  running.push(consumer);
  await consumer.start();
  await consumer.whenAssigned();
  return consumer;
}

beforeAll(async () => {
  t = await createTestEnv('labels', { partitions: 1 });
  // One partition, so DLQ offsets and the tie rule (received order) are easy to state.
  await ensureTopics(t.admin, [{ topic: t.config.topics.labels, numPartitions: 1 }]);
  store = await openStore(t.config);
  repo = new LabelRepository(store.client, { retentionDays: t.config.labels.retentionDays });
});

afterAll(async () => {
  for (const c of running) await c.stop().catch(() => undefined);
  await store?.close();
  await t?.cleanup();
});

const label = (modelId: string, eventId: string, value: LabelEvent['label'], timestamp = T0): LabelEvent => ({ modelId, eventId, timestamp, label: value });
const json = (l: unknown) => ({ key: 'k', value: Buffer.from(JSON.stringify(l)) });
const send = (records: OutgoingRecord[]) => sendRecords(t.producer, t.config.topics.labels, records);

async function labelsTotal(model: string, outcome: string): Promise<number> {
  const metric = register.getSingleMetric('driftwatch_labels_total') as Counter | undefined;
  const values = (await metric?.get())?.values ?? [];
  return values.find((v) => v.labels.model === model && v.labels.outcome === outcome)?.value ?? 0;
}

async function rawRows(modelId: string): Promise<number> {
  const [row] = await (
    await store.client.client.query({
      query: `SELECT count() AS n FROM ${store.client.table('labels')} WHERE model_id = {m:String}`,
      query_params: { m: modelId },
      format: 'JSONEachRow',
    })
  ).json<{ n: unknown }>();
  return Number(row.n);
}

describe('label consumer', () => {
  it('stores JSON and Avro labels, and dead-letters garbage and invalid labels with reasons while the good ones around them are stored', async () => {
    const consumer = await startConsumer();
    const records: OutgoingRecord[] = [
      json(label('mixed', 'e0', 1)), // 0
      { key: 'k', value: Buffer.from('{"eventId": "broken", ') }, // 1 garbage
      { key: 'k', value: encodeLabelEvent(label('mixed', 'e1', 'cat'), 'avro') }, // 2
      json({ eventId: 'e2', modelId: 'mixed', timestamp: T0, label: { nested: true } }), // 3 invalid
      json({ ...label('mixed', 'e3', true), timestamp: new Date(T0).toISOString() }), // 4
      { key: 'k', value: null }, // 5 tombstone
      json(label('mixed', 'never-predicted', 0.5, T0 + 1)), // 6 an event never seen: stored all the same
    ];
    await send(records);
    await waitFor('the good labels stored', async () => (await repo.count('mixed')) === 4);
    expect((await repo.byEventIds('mixed', ['e0', 'e1', 'e2', 'e3', 'never-predicted'])).map((l) => [l.eventId, l.label, l.labelTime])).toEqual([
      ['e0', 1, T0],
      ['e1', 'cat', T0],
      ['e3', true, T0],
      ['never-predicted', 0.5, T0 + 1],
    ]);

    const dlq = await readTopic(t.kafka, t.config.topics.dlq, (ms) => ms.length >= 3);
    expect(dlq).toHaveLength(3);
    const reasons = Object.fromEntries(dlq.map((m) => [Number(readDlqMetadata(m.headers)!.sourceOffset), readDlqMetadata(m.headers)!.reason]));
    expect(reasons[1]).toMatch(/^malformed: /);
    expect(reasons[3]).toMatch(/^invalid: .*label: expected number\|string\|boolean, got object/);
    expect(reasons[5]).toMatch(/^empty-payload/);
    expect(readDlqMetadata(dlq[0].headers)!.sourceTopic).toBe(t.config.topics.labels);
    expect(dlq.find((m) => readDlqMetadata(m.headers)!.sourceOffset === '1')!.value!.equals(records[1].value as Buffer)).toBe(true);

    await waitFor('the counters', async () => (await labelsTotal('mixed', 'stored')) === 4);
    expect(await labelsTotal('mixed', 'invalid')).toBe(1); // the invalid label names its model
    expect(await labelsTotal('unknown', 'invalid')).toBe(2); // garbage and the tombstone name none
    expect(consumer.isReady()).toBe(true);
    await consumer.stop();
  });

  it('resolves a duplicate label: the latest label timestamp wins, a tie goes to the label received last', async () => {
    const consumer = await startConsumer();
    await send([json(label('dup', 'a', 'new', T0 + 10)), json(label('dup', 'b', 'first', T0)), json(label('dup', 'a', 'older, sent late', T0))]);
    await waitFor('the first labels', async () => (await repo.count('dup')) === 2);
    await send([json(label('dup', 'b', 'second', T0)), json(label('dup', 'sentinel', 1))]);
    await waitFor('the sentinel', async () => (await repo.count('dup')) === 3);
    expect((await repo.byEventIds('dup', ['a', 'b'])).map((l) => [l.eventId, l.label])).toEqual([
      ['a', 'new'],
      ['b', 'second'],
    ]);
    await consumer.stop();
  });

  it('neither loses nor duplicates labels across a restart, nor when it crashes between the store write and the commit', async () => {
    let consumer = await startConsumer();
    await send([0, 1, 2].map((i) => json(label('restart', `r${i}`, i))));
    await waitFor('the first three', async () => (await repo.count('restart')) === 3);
    await consumer.stop();

    // Sent while no consumer runs: picked up from the committed offset, the first three not stored again.
    await send([3, 4, 5].map((i) => json(label('restart', `r${i}`, i))));
    consumer = await startConsumer();
    await waitFor('all six', async () => (await repo.count('restart')) === 6);
    expect(await rawRows('restart')).toBe(6);
    await consumer.stop();

    // A crash after the labels are stored and before the commit: the batch comes again.
    let crashes = 0;
    consumer = await startConsumer({
      onStored: (batch) => {
        if (crashes === 0 && batch.messages.some((m) => m.value?.toString().includes('"crash"'))) {
          crashes += 1;
          throw new Error('crash before the commit');
        }
      },
    });
    await send([6, 7].map((i) => json(label('crash', `c${i}`, i))));
    await waitFor('the crash', async () => crashes === 1);
    await send([json(label('crash', 'c8', 8))]);
    await waitFor('every label after the crash', async () => (await repo.count('crash')) === 3);
    expect(crashes).toBe(1);
    expect((await repo.byEventIds('crash', ['c6', 'c7', 'c8'])).map((l) => l.label)).toEqual([6, 7, 8]);
    await consumer.stop();
    expect(await repo.count('restart')).toBe(6);
  });
});
