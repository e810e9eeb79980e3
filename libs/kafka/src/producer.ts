import {
  CompressionTypes,
  Partitioners,
  type IHeaders,
  type Kafka,
  type Producer,
  type RecordMetadata,
  type RetryOptions,
} from 'kafkajs';
import { chunkByBytes } from './byte-chunks';
import { isTooLargeError } from './kafka-error.util';
import { DEFAULT_MAX_MESSAGE_BYTES, RECORD_BATCH_OVERHEAD, recordBytesBound } from './record-size';

export interface ProducerOptions {
  /**
   * kafkajs' idempotent producer (default true): broker-side deduplication of retried sends within
   * one producer session. A send that exhausts its retries still fails and the caller's own retry
   * may duplicate; consumers stay idempotent.
   */
  idempotent?: boolean;
  /** Default: 10 retries with kafkajs' exponential backoff, rather than its unbounded default for idempotent producers. */
  retry?: RetryOptions;
}

/** A producer with the default partitioner (murmur2 on the key, like the Java client) and no topic auto-creation. */
export function createProducer(kafka: Kafka, options: ProducerOptions = {}): Producer {
  const idempotent = options.idempotent ?? true;
  return kafka.producer({
    idempotent,
    // Ordering per partition under retries needs a single in-flight request when idempotent.
    maxInFlightRequests: idempotent ? 1 : 5,
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    retry: options.retry ?? { retries: 10 },
  });
}

export interface OutgoingRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
  partition?: number;
  /** Epoch milliseconds as a string (kafkajs' convention). */
  timestamp?: string;
}

export interface JsonRecord<T> {
  key?: string | null;
  value: T;
  headers?: IHeaders;
  partition?: number;
  timestamp?: string;
}

/**
 * Makes a record that is too large for its topic fit in `maxRecordBytes` (e.g. a dead letter cut
 * to a bounded prefix, an evaluation without its evidence). `index` is the record's position in
 * the array given to `sendRecords`, so a caller can rebuild it from its own source object.
 */
export type RecordShrinker = (record: OutgoingRecord, maxRecordBytes: number, index: number) => OutgoingRecord;

export interface SendOptions {
  /** Messages per produce request at most (default 5 000). */
  chunkSize?: number;
  /**
   * The topic's `max.message.bytes` (default: the broker default, 1 048 588). Requests are cut
   * so that no record batch the broker receives is larger (see `TopicLimits`).
   */
  maxBatchBytes?: number;
  /** What to do with a single record over the limit; without it such a record fails the send with RecordTooLargeError. */
  shrink?: RecordShrinker;
  compression?: CompressionTypes;
  /** Broker-side wait for acks, ms (default 30 000). */
  timeoutMs?: number;
}

/** A record that cannot fit its topic's limit and that the caller had no way to shrink. */
export class RecordTooLargeError extends Error {
  constructor(
    readonly topic: string,
    readonly bytes: number,
    readonly maxBatchBytes: number,
  ) {
    super(`a record of about ${bytes} bytes is over the ${maxBatchBytes}-byte limit of topic ${topic}`);
    this.name = 'RecordTooLargeError';
  }
}

/**
 * Sends records with acks=-1 (all in-sync replicas), in order, in requests whose record batches
 * stay under `maxBatchBytes`. A record too large on its own is shrunk (or refused with a clear
 * error); if the broker still answers MESSAGE_TOO_LARGE (its limit is lower than we were told),
 * the request is halved until it passes, and a lone record is shrunk to half the limit.
 */
export async function sendRecords(
  producer: Producer,
  topic: string,
  records: readonly OutgoingRecord[],
  options: SendOptions = {},
): Promise<RecordMetadata[]> {
  const chunkSize = options.chunkSize ?? 5_000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`sendRecords: chunkSize must be a whole number ≥ 1, got ${chunkSize}`);
  const maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (!Number.isInteger(maxBatchBytes) || maxBatchBytes <= RECORD_BATCH_OVERHEAD + 64) {
    throw new Error(`sendRecords: maxBatchBytes must be a whole number > ${RECORD_BATCH_OVERHEAD + 64}, got ${maxBatchBytes}`);
  }
  const fitting = records.map((r, i) => fitRecord(topic, r, i, maxBatchBytes, options.shrink));
  const results: RecordMetadata[] = [];
  for (const chunk of chunkByBytes(fitting, maxBatchBytes, chunkSize)) {
    results.push(...(await sendChunk(producer, topic, chunk.records, maxBatchBytes, options)));
  }
  return results;
}

function fitRecord(topic: string, record: OutgoingRecord, index: number, maxBatchBytes: number, shrink: RecordShrinker | undefined): IndexedRecord {
  const room = maxBatchBytes - RECORD_BATCH_OVERHEAD;
  const size = recordBytesBound(record);
  if (size <= room) return { ...record, index };
  if (!shrink) throw new RecordTooLargeError(topic, size, maxBatchBytes);
  const smaller = shrink(record, room, index);
  const shrunk = recordBytesBound(smaller);
  if (shrunk > room) throw new RecordTooLargeError(topic, shrunk, maxBatchBytes);
  return { ...smaller, index };
}

interface IndexedRecord extends OutgoingRecord {
  index: number;
}

async function sendChunk(
  producer: Producer,
  topic: string,
  chunk: readonly OutgoingRecord[],
  maxBatchBytes: number,
  options: SendOptions,
): Promise<RecordMetadata[]> {
  try {
    return await producer.send({
      topic,
      acks: -1,
      timeout: options.timeoutMs ?? 30_000,
      compression: options.compression ?? CompressionTypes.None,
      messages: chunk.map(({ key, value, headers, partition, timestamp }) => ({ key, value, headers, partition, timestamp })),
    });
  } catch (error) {
    if (!isTooLargeError(error)) throw error;
    if (chunk.length > 1) {
      const half = Math.ceil(chunk.length / 2);
      const first = await sendChunk(producer, topic, chunk.slice(0, half), maxBatchBytes, options);
      return [...first, ...(await sendChunk(producer, topic, chunk.slice(half), maxBatchBytes, options))];
    }
    const smallerLimit = Math.floor(maxBatchBytes / 2);
    const record = chunk[0] as IndexedRecord;
    if (smallerLimit <= RECORD_BATCH_OVERHEAD + 64) throw error;
    const refit = fitRecord(topic, record, record.index, smallerLimit, options.shrink);
    // Only a record the shrinker made smaller is worth another try.
    if (recordBytesBound(refit) >= recordBytesBound(record)) throw error;
    return sendChunk(producer, topic, [refit], smallerLimit, options);
  }
}

/** `sendRecords` for values serialised as UTF-8 JSON. */
export function sendJson<T>(
  producer: Producer,
  topic: string,
  records: readonly JsonRecord<T>[],
  options: SendOptions = {},
): Promise<RecordMetadata[]> {
  return sendRecords(
    producer,
    topic,
    records.map((r) => ({ ...r, value: Buffer.from(JSON.stringify(r.value), 'utf8') })),
    options,
  );
}
