import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { sendRecords, type OutgoingRecord } from './producer';

/** Headers added to a dead-lettered message; the original headers are kept beside them. */
export const DLQ_HEADERS = Object.freeze({
  reason: 'dw-reason',
  sourceTopic: 'dw-source-topic',
  sourcePartition: 'dw-source-partition',
  sourceOffset: 'dw-source-offset',
  sourceTimestamp: 'dw-source-timestamp',
  failedAt: 'dw-failed-at',
});

/** Reasons longer than this are cut: a header is no place for a whole stack trace. */
export const MAX_DLQ_REASON_LENGTH = 2_000;

export interface DlqEntry {
  /** The message as consumed: its key, value and headers are forwarded byte for byte. */
  original: KafkaMessage;
  sourceTopic: string;
  partition: number;
  /** Defaults to `original.offset`. */
  offset?: string;
  /** Why it was rejected, e.g. `features.age: expected number|string|boolean|null, got object`. */
  reason: string;
  failedAt?: Date;
}

export interface DlqMetadata {
  reason: string;
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: string;
  sourceTimestamp?: string;
  failedAt: string;
}

const OWN_HEADERS = new Set<string>(Object.values(DLQ_HEADERS));

/** The record published for a rejected message (pure; `publishToDlq` sends it). */
export function toDlqRecord(entry: DlqEntry): OutgoingRecord {
  const reason = entry.reason.length > MAX_DLQ_REASON_LENGTH ? `${entry.reason.slice(0, MAX_DLQ_REASON_LENGTH - 1)}…` : entry.reason;
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(entry.original.headers ?? {})) {
    // A message dead-lettered twice carries our headers from the first time: this time's win.
    if (!OWN_HEADERS.has(name) && value !== undefined) headers[name] = value;
  }
  headers[DLQ_HEADERS.reason] = reason;
  headers[DLQ_HEADERS.sourceTopic] = entry.sourceTopic;
  headers[DLQ_HEADERS.sourcePartition] = String(entry.partition);
  headers[DLQ_HEADERS.sourceOffset] = entry.offset ?? entry.original.offset;
  if (entry.original.timestamp) headers[DLQ_HEADERS.sourceTimestamp] = entry.original.timestamp;
  headers[DLQ_HEADERS.failedAt] = (entry.failedAt ?? new Date()).toISOString();
  // The record's own timestamp is left to the producer (now), so DLQ retention counts from the failure.
  return { key: entry.original.key ?? null, value: entry.original.value ?? null, headers };
}

/** Publishes one rejected message to the dead-letter topic (acks=-1). */
export async function publishToDlq(producer: Producer, topic: string, entry: DlqEntry): Promise<void> {
  await sendRecords(producer, topic, [toDlqRecord(entry)]);
}

/** Publishes many rejected messages in one request per chunk, in order. */
export async function publishManyToDlq(producer: Producer, topic: string, entries: readonly DlqEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sendRecords(producer, topic, entries.map(toDlqRecord));
}

function headerText(headers: IHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** Reads the Driftwatch DLQ headers of a dead-lettered message; undefined if it has none. */
export function readDlqMetadata(headers: IHeaders | undefined): DlqMetadata | undefined {
  if (!headers) return undefined;
  const reason = headerText(headers, DLQ_HEADERS.reason);
  const sourceTopic = headerText(headers, DLQ_HEADERS.sourceTopic);
  const partition = headerText(headers, DLQ_HEADERS.sourcePartition);
  const sourceOffset = headerText(headers, DLQ_HEADERS.sourceOffset);
  const failedAt = headerText(headers, DLQ_HEADERS.failedAt);
  if (reason === undefined || sourceTopic === undefined || partition === undefined || sourceOffset === undefined || failedAt === undefined) {
    return undefined;
  }
  return {
    reason,
    sourceTopic,
    sourcePartition: Number(partition),
    sourceOffset,
    sourceTimestamp: headerText(headers, DLQ_HEADERS.sourceTimestamp),
    failedAt,
  };
}
