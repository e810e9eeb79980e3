import { createHash } from 'node:crypto';
import type { Admin, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DLQ_HEADERS, DLQ_KEPT_VALUE_BYTES, readDlqMetadata } from './dlq';
import { ensureTopics } from './ensure-topics';
import { createProducer, sendRecords } from './producer';
import { RecordSender } from './record-sender';
import { TopicLimits } from './topic-limits';
import { connectAdminOrExplain, readAll, testKafka, uniqueName } from './test-broker.test-util';

// A small topic limit keeps the test fast while exercising exactly what a 1 MB limit does.
const LIMIT = 20_000;

describe('size-aware producing against a real broker', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const topics: string[] = [];

  async function smallTopic(name: string, partitions = 3): Promise<string> {
    const topic = uniqueName(name);
    topics.push(topic);
    await ensureTopics(admin, [{ topic, numPartitions: partitions, config: { 'max.message.bytes': String(LIMIT) } }]);
    return topic;
  }

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

  it("reads each topic's max.message.bytes from the broker once", async () => {
    const topic = await smallTopic('limits');
    let admins = 0;
    const limits = new TopicLimits({ admin: () => (admins++, kafka.admin()) });
    expect(await limits.maxMessageBytes(topic)).toBe(LIMIT);
    expect(await limits.maxMessageBytes(topic)).toBe(LIMIT);
    expect(admins).toBe(1);
    expect(await new TopicLimits(kafka, { maxMessageBytes: 4_096 }).maxMessageBytes(topic)).toBe(4_096);
  });

  it('the broker refuses an unsplit batch over the limit (the failure this guards against)', async () => {
    const topic = await smallTopic('refused', 1);
    const records = Array.from({ length: 10 }, (_, i) => ({ value: Buffer.alloc(3_000, i) }));
    await expect(producer.send({ topic, acks: -1, messages: records })).rejects.toThrow(/larger than the max message size/);
  });

  it('sends 300 KB of records to a 20 KB topic across partitions, every one of them, in order per key', async () => {
    const topic = await smallTopic('split');
    const sender = new RecordSender(producer, new TopicLimits(kafka));
    const records = Array.from({ length: 100 }, (_, i) => ({ key: `model-${i % 4}`, value: Buffer.from(`${i}:`.padEnd(3_000, 'x')) }));
    await sender.send(topic, records);
    const got = await readAll(kafka, topic, 100);
    expect(got).toHaveLength(100);
    for (let m = 0; m < 4; m++) {
      const seqs = got.filter((g) => g.key?.toString() === `model-${m}`).map((g) => Number(g.value!.toString().split(':')[0]));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(seqs).toHaveLength(25);
    }
  });

  it('halves a request the broker refuses when told a higher limit than the topic has', async () => {
    const topic = await smallTopic('halve', 1);
    const records = Array.from({ length: 40 }, (_, i) => ({ value: Buffer.from(String(i).padEnd(2_000, '.')) }));
    await sendRecords(producer, topic, records, { maxBatchBytes: 1_000_000 });
    const got = await readAll(kafka, topic, 40);
    expect(got.map((g) => Number(g.value!.toString().replace(/\.+$/, '')))).toEqual(records.map((_, i) => i));
  });

  it('refuses a lone record over the limit with a clear error when it cannot be shrunk', async () => {
    const topic = await smallTopic('lone', 1);
    const sender = new RecordSender(producer, new TopicLimits(kafka));
    await expect(sender.send(topic, [{ value: Buffer.alloc(50_000) }])).rejects.toThrow(
      new RegExp(`record of about \\d+ bytes is over the ${LIMIT}-byte limit of topic ${topic}`),
    );
  });

  it('dead-letters oversized messages in a bounded form: a prefix, the size, the digest and the reason `oversized`', async () => {
    const topic = await smallTopic('dlq', 1);
    const sender = new RecordSender(producer, new TopicLimits(kafka));
    const big = Buffer.alloc(900_000, 0x61);
    const original = (offset: number, value: Buffer | null, headers = {}): KafkaMessage =>
      ({ key: Buffer.from('m'), value, headers, offset: String(offset), timestamp: '1700000000000', attributes: 0 }) as KafkaMessage;
    await sender.deadLetter(topic, [
      { original: original(1, Buffer.from('{"broken"'), { trace: 'a' }), sourceTopic: 'inference-events', partition: 2, reason: 'malformed-json: Unexpected end' },
      { original: original(2, big), sourceTopic: 'inference-events', partition: 2, reason: 'invalid: features.note: string value longer than 1024 characters' },
      { original: original(3, Buffer.from('{}'), { huge: 'h'.repeat(30_000) }), sourceTopic: 'inference-events', partition: 2, reason: 'invalid: eventId: required' },
      { original: original(4, null), sourceTopic: 'inference-events', partition: 2, reason: 'empty' },
    ]);
    const got = await readAll(kafka, topic, 4);
    expect(got).toHaveLength(4);
    const meta = got.map((g) => readDlqMetadata(g.headers)!);
    expect(meta.map((m) => m.sourceOffset)).toEqual(['1', '2', '3', '4']);
    expect(got[0].value!.toString()).toBe('{"broken"');
    expect(meta[0].reason).toBe('malformed-json: Unexpected end');
    expect(got[0].headers?.trace?.toString()).toBe('a');

    const kept = Math.min(DLQ_KEPT_VALUE_BYTES, Math.floor((LIMIT - 61) / 4));
    expect(got[1].value!.equals(big.subarray(0, kept))).toBe(true);
    expect(meta[1].reason).toMatch(/^oversized: value of 900000 bytes cut to its first \d+; reason: invalid: features\.note/);
    expect(got[1].headers?.[DLQ_HEADERS.originalSize]?.toString()).toBe('900000');
    expect(got[1].headers?.[DLQ_HEADERS.originalSha256]?.toString()).toBe(createHash('sha256').update(big).digest('hex'));

    expect(meta[2].reason).toMatch(/^oversized: .*1 original header\(s\) dropped; reason: invalid: eventId: required/);
    expect(got[2].value!.toString()).toBe('{}');
    expect(got[2].headers?.huge).toBeUndefined();
    expect(got[3].value).toBeNull();
  });
});
