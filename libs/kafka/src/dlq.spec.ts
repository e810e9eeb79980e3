import type { Admin, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DLQ_HEADERS, MAX_DLQ_REASON_LENGTH, publishManyToDlq, publishToDlq, readDlqMetadata, toDlqRecord } from './dlq';
import { ensureTopics } from './ensure-topics';
import { createProducer, sendRecords } from './producer';
import { connectAdminOrExplain, readAll, testKafka, uniqueName } from './test-broker.test-util';

// Not valid UTF-8, with a NUL inside: any decode/re-encode on the way would change these bytes.
const BINARY_VALUE = Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28, 0x80, 0x7f]);
const BINARY_KEY = Buffer.from([0x00, 0x9f, 0x92, 0x96]);

function message(overrides: { headers?: KafkaMessage['headers'] } = {}): KafkaMessage {
  return {
    key: BINARY_KEY,
    value: BINARY_VALUE,
    timestamp: '1764165600123',
    attributes: 0,
    offset: '41',
    headers: { traceparent: '00-abc-01', bin: Buffer.from([1, 2, 3]) },
    ...overrides,
  };
}

describe('toDlqRecord', () => {
  it('keeps the original key, value and headers and adds the reason and source position', () => {
    const failedAt = new Date('2026-11-26T14:00:00.000Z');
    const record = toDlqRecord({ original: message(), sourceTopic: 'inference-events', partition: 4, reason: 'bad json', failedAt });
    expect(Buffer.compare(record.key as Buffer, BINARY_KEY)).toBe(0);
    expect(Buffer.compare(record.value as Buffer, BINARY_VALUE)).toBe(0);
    expect(record.headers).toEqual({
      traceparent: '00-abc-01',
      bin: Buffer.from([1, 2, 3]),
      [DLQ_HEADERS.reason]: 'bad json',
      [DLQ_HEADERS.sourceTopic]: 'inference-events',
      [DLQ_HEADERS.sourcePartition]: '4',
      [DLQ_HEADERS.sourceOffset]: '41',
      [DLQ_HEADERS.sourceTimestamp]: '1764165600123',
      [DLQ_HEADERS.failedAt]: '2026-11-26T14:00:00.000Z',
    });
  });

  it('replaces DLQ headers from an earlier dead-lettering and caps long reasons', () => {
    const original = message({ headers: { [DLQ_HEADERS.reason]: 'old reason', keep: 'me' } });
    const record = toDlqRecord({ original, sourceTopic: 't', partition: 0, reason: 'x'.repeat(10_000) });
    const meta = readDlqMetadata(record.headers);
    expect(meta?.reason).toHaveLength(MAX_DLQ_REASON_LENGTH);
    expect(meta?.reason.endsWith('…')).toBe(true);
    expect(record.headers?.keep).toBe('me');
  });

  it('reads nothing from a message that was never dead-lettered', () => {
    expect(readDlqMetadata({ traceparent: 'x' })).toBeUndefined();
    expect(readDlqMetadata(undefined)).toBeUndefined();
  });
});

describe('publishToDlq against a real broker', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const source = uniqueName('dlq-source');
  const dlq = uniqueName('dlq');

  beforeAll(async () => {
    kafka = testKafka();
    admin = await connectAdminOrExplain(kafka);
    await ensureTopics(admin, [
      { topic: source, numPartitions: 2 },
      { topic: dlq, numPartitions: 1 },
    ]);
    producer = createProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [source, dlq] }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('forwards the consumed bytes and headers unchanged, with the reason and source position', async () => {
    await sendRecords(producer, source, [
      { key: BINARY_KEY, value: BINARY_VALUE, headers: { traceparent: '00-abc-01', bin: Buffer.from([1, 2, 3]) }, partition: 1 },
      { key: 'tombstone', value: null, partition: 0 },
    ]);
    const consumed = await readAll(kafka, source, 2);
    const binary = consumed.find((m) => m.partition === 1)!;
    const tombstone = consumed.find((m) => m.partition === 0)!;

    await publishToDlq(producer, dlq, { original: binary, sourceTopic: source, partition: 1, reason: 'invalid JSON at byte 0' });
    await publishManyToDlq(producer, dlq, [{ original: tombstone, sourceTopic: source, partition: 0, reason: 'empty value' }]);

    const dead = await readAll(kafka, dlq, 2);
    const first = dead.find((m) => readDlqMetadata(m.headers)?.sourcePartition === 1)!;
    expect(Buffer.compare(first.value!, BINARY_VALUE)).toBe(0);
    expect(Buffer.compare(first.key!, BINARY_KEY)).toBe(0);
    expect(first.headers?.traceparent?.toString()).toBe('00-abc-01');
    expect(Buffer.compare(first.headers?.bin as Buffer, Buffer.from([1, 2, 3]))).toBe(0);
    expect(readDlqMetadata(first.headers)).toMatchObject({
      reason: 'invalid JSON at byte 0',
      sourceTopic: source,
      sourcePartition: 1,
      sourceOffset: binary.offset,
      sourceTimestamp: binary.timestamp,
    });
    expect(Date.parse(readDlqMetadata(first.headers)!.failedAt)).not.toBeNaN();

    const second = dead.find((m) => readDlqMetadata(m.headers)?.sourcePartition === 0)!;
    expect(second.value).toBeNull();
    expect(second.key?.toString()).toBe('tombstone');
    expect(readDlqMetadata(second.headers)?.reason).toBe('empty value');
  });
});
