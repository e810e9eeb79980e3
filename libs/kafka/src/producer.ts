import {
  CompressionTypes,
  Partitioners,
  type IHeaders,
  type Kafka,
  type Producer,
  type RecordMetadata,
  type RetryOptions,
} from 'kafkajs';

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

export interface SendOptions {
  /** Messages per produce request (default 5 000); larger arrays are sent in consecutive chunks. */
  chunkSize?: number;
  compression?: CompressionTypes;
  /** Broker-side wait for acks, ms (default 30 000). */
  timeoutMs?: number;
}

/** Sends records with acks=-1 (all in-sync replicas), in order, chunk by chunk. */
export async function sendRecords(
  producer: Producer,
  topic: string,
  records: readonly OutgoingRecord[],
  options: SendOptions = {},
): Promise<RecordMetadata[]> {
  const chunkSize = options.chunkSize ?? 5_000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`sendRecords: chunkSize must be a whole number ≥ 1, got ${chunkSize}`);
  const results: RecordMetadata[] = [];
  for (let i = 0; i < records.length; i += chunkSize) {
    results.push(
      ...(await producer.send({
        topic,
        acks: -1,
        timeout: options.timeoutMs ?? 30_000,
        compression: options.compression ?? CompressionTypes.None,
        messages: records.slice(i, i + chunkSize).map((r) => ({ ...r })),
      })),
    );
  }
  return results;
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
