import type { Admin, Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchConsumerRunner } from './batch-consumer-runner';
import { ensureTopics } from './ensure-topics';
import { createProducer, sendJson, sendRecords } from './producer';
import { connectAdminOrExplain, readAll, testKafka, uniqueName, waitFor } from './test-broker.test-util';

interface Event {
  eventId: string;
  modelId: string;
  seq: number;
}

describe('producers against a real broker', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const topics: string[] = [];

  beforeAll(async () => {
    kafka = testKafka();
    admin = await connectAdminOrExplain(kafka);
    producer = createProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    if (topics.length > 0) await admin?.deleteTopics({ topics }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('round-trips JSON events through several partitions, keeping per-key order, and commits what was handled', async () => {
    const topic = uniqueName('roundtrip');
    const groupId = uniqueName('roundtrip-group');
    topics.push(topic);
    await ensureTopics(admin, [{ topic, numPartitions: 3 }]);

    const models = ['credit-risk', 'churn', 'fraud', 'pricing', 'ranking', 'ltv'];
    const sent: Event[] = Array.from({ length: 300 }, (_, i) => ({ eventId: `e-${i}`, modelId: models[i % models.length], seq: i }));
    await sendJson(producer, topic, sent.map((value) => ({ key: value.modelId, value })), { chunkSize: 64 });

    const received: { partition: number; event: Event }[] = [];
    const runner = new BatchConsumerRunner(kafka, {
      groupId,
      topics: [topic],
      maxWaitTimeMs: 100,
      handler: async (batch) => {
        for (const m of batch.messages) received.push({ partition: batch.partition, event: JSON.parse(m.value!.toString('utf8')) });
        return { durableThrough: batch.lastOffset };
      },
    });
    await runner.start();
    try {
      await waitFor('300 events', () => received.length >= 300);
    } finally {
      await runner.stop();
    }

    expect(received.map((r) => r.event).sort((a, b) => a.seq - b.seq)).toEqual(sent);
    const partitionsByModel = new Map<string, Set<number>>();
    for (const { partition, event } of received) {
      partitionsByModel.set(event.modelId, (partitionsByModel.get(event.modelId) ?? new Set()).add(partition));
    }
    for (const [model, partitions] of partitionsByModel) expect(partitions.size, model).toBe(1);
    expect(new Set(received.map((r) => r.partition)).size).toBeGreaterThan(1);
    for (const model of models) {
      const seqs = received.filter((r) => r.event.modelId === model).map((r) => r.event.seq);
      expect(seqs, model).toEqual([...seqs].sort((a, b) => a - b));
    }

    // Committed offset = last handled + 1 = the end of each partition; nothing for a partition no key hashed to.
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    for (const end of ends) {
      const expected = end.high === '0' ? '-1' : end.high;
      expect(committed.partitions.find((p) => p.partition === end.partition)?.offset, `partition ${end.partition}`).toBe(expected);
    }
  });

  it('sends a large array in chunks, in order', async () => {
    const topic = uniqueName('chunks');
    topics.push(topic);
    await ensureTopics(admin, [{ topic, numPartitions: 1 }]);
    const meta = await sendRecords(
      producer,
      topic,
      Array.from({ length: 50 }, (_, i) => ({ value: String(i) })),
      { chunkSize: 7 },
    );
    expect(meta).toHaveLength(Math.ceil(50 / 7));
    const got = await readAll(kafka, topic, 50);
    expect(got.map((m) => m.value!.toString())).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    await expect(sendRecords(producer, topic, [{ value: 'x' }], { chunkSize: 0 })).rejects.toThrow(/chunkSize/);
  });
});
