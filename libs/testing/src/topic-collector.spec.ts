import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAdminOrExplain, TEST_BROKERS } from './test-brokers';
import { collectTopic, readTopicUntil } from './topic-collector';
import { uniqueName } from './unique-name';
import { waitFor } from './wait-for';

// Against the real broker, with plain kafkajs clients: this library does not lean on @driftwatch/kafka.
const kafka = new Kafka({ brokers: TEST_BROKERS, clientId: 'driftwatch-testing-test', logLevel: logLevel.ERROR, connectionTimeout: 2_000 });
const topic = uniqueName('collector');
let admin: Admin;
let producer: Producer;

beforeAll(async () => {
  admin = await connectAdminOrExplain(kafka);
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: [
      { partition: 0, key: 'a', value: 'a0' },
      { partition: 0, key: 'a', value: 'a1' },
      { partition: 1, key: 'b', value: 'b0' },
    ],
  });
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin?.disconnect();
});

describe('collectTopic', () => {
  it('reads from the beginning, keeps the partition, tracks the next offset per partition, and sees later messages', async () => {
    const collector = await collectTopic(kafka, topic, { maxWaitTimeInMs: 50 });
    try {
      await waitFor('the three first messages', () => collector.messages.length >= 3, 20_000);
      const seen = collector.messages.map((m) => `${m.partition}:${m.offset}:${m.key?.toString()}=${m.value?.toString()}`).sort();
      expect(seen).toEqual(['0:0:a=a0', '0:1:a=a1', '1:0:b=b0']);
      expect(Object.fromEntries(collector.positions)).toEqual({ 0: 2n, 1: 1n });

      await producer.send({ topic, messages: [{ partition: 1, value: 'b1' }] });
      await waitFor('the later message', () => collector.messages.length >= 4, 20_000);
      expect(collector.positions.get(1)).toBe(2n);
    } finally {
      await collector.stop();
    }
  });

  it('keeps what `map` makes of each message', async () => {
    const collector = await collectTopic(kafka, topic, { map: (m, partition) => `${partition}/${m.value?.toString()}` });
    try {
      await waitFor('the messages, mapped', () => collector.messages.length >= 3, 20_000);
      expect(collector.messages).toContain('0/a1');
    } finally {
      await collector.stop();
    }
  });
});

describe('readTopicUntil', () => {
  it('returns the messages read by the time `done` holds', async () => {
    const messages = await readTopicUntil(kafka, topic, (ms) => ms.some((m) => m.value?.toString() === 'a1'), { timeoutMs: 20_000 });
    expect(messages.map((m) => m.value?.toString())).toContain('a1');
  });

  it('fails naming the topic when `done` never holds', async () => {
    await expect(readTopicUntil(kafka, topic, () => false, { timeoutMs: 300 })).rejects.toThrow(`timed out after 300 ms waiting for messages on ${topic}`);
  });
});
