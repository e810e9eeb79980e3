import { createHash } from 'node:crypto';
import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { sendRecords, type OutgoingRecord, type SendOptions } from './producer';
import { headersBytesBound } from './record-size';

/** Headers added to a dead-lettered message; the original headers are kept beside them. */
export const DLQ_HEADERS = Object.freeze({
  reason: 'dw-reason',
  sourceTopic: 'dw-source-topic',
  sourcePartition: 'dw-source-partition',
  sourceOffset: 'dw-source-offset',
  sourceTimestamp: 'dw-source-timestamp',
  failedAt: 'dw-failed-at',
  /** Set on a dead letter too large for the DLQ topic: the original value's size, its SHA-256 and what was kept. */
  originalSize: 'dw-original-size',
  originalSha256: 'dw-original-sha256',
  truncated: 'dw-truncated',
});

/** Bytes of the original value a dead letter keeps at most when the whole would not fit the DLQ topic. */
export const DLQ_KEPT_VALUE_BYTES = 64 * 1024;
/** A key longer than this is cut too (keys are ids; a longer one is garbage). */
const DLQ_KEPT_KEY_BYTES = 1024;

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
  const reason = boundReason(entry.reason);
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

/**
 * A dead letter that would not fit the DLQ topic (`maxRecordBytes`): keeps the first bytes of the
 * value (at most DLQ_KEPT_VALUE_BYTES), the size and SHA-256 of the whole, and says so in a reason
 * that starts with `oversized`. Original headers are dropped when they alone are too large.
 */
export function shrinkDeadLetter(record: OutgoingRecord, maxRecordBytes: number): OutgoingRecord {
  const value = toBuffer(record.value);
  const headers: IHeaders = { ...(record.headers ?? {}) };
  const reason = headerText(headers, DLQ_HEADERS.reason) ?? 'unknown';
  let droppedHeaders = 0;
  if (headersBytesBound(headers) > maxRecordBytes / 4) {
    for (const name of Object.keys(headers)) {
      if (!OWN_HEADERS.has(name)) {
        delete headers[name];
        droppedHeaders += 1;
      }
    }
  }
  const keptBytes = Math.max(0, Math.min(value.length, DLQ_KEPT_VALUE_BYTES, Math.floor(maxRecordBytes / 4)));
  const key = toBuffer(record.key);
  const note = [
    `value of ${value.length} bytes cut to its first ${keptBytes}`,
    droppedHeaders > 0 ? `${droppedHeaders} original header(s) dropped` : '',
    key.length > DLQ_KEPT_KEY_BYTES ? `key of ${key.length} bytes cut to ${DLQ_KEPT_KEY_BYTES}` : '',
  ].filter(Boolean);
  headers[DLQ_HEADERS.reason] = boundReason(`oversized: ${note.join('; ')}; reason: ${reason}`);
  headers[DLQ_HEADERS.originalSize] = String(value.length);
  headers[DLQ_HEADERS.originalSha256] = createHash('sha256').update(value).digest('hex');
  headers[DLQ_HEADERS.truncated] = 'true';
  return {
    key: record.key === null || record.key === undefined ? null : key.subarray(0, DLQ_KEPT_KEY_BYTES),
    value: record.value === null ? null : value.subarray(0, keptBytes),
    headers,
    partition: record.partition,
  };
}

function toBuffer(value: Buffer | string | null | undefined): Buffer {
  if (value === null || value === undefined) return Buffer.alloc(0);
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

function boundReason(reason: string): string {
  return reason.length > MAX_DLQ_REASON_LENGTH ? `${reason.slice(0, MAX_DLQ_REASON_LENGTH - 1)}…` : reason;
}

/** Publishes one rejected message to the dead-letter topic (acks=-1). */
export async function publishToDlq(producer: Producer, topic: string, entry: DlqEntry, options: Pick<SendOptions, 'maxBatchBytes'> = {}): Promise<void> {
  await publishManyToDlq(producer, topic, [entry], options);
}

/**
 * Publishes rejected messages in order, in requests under the DLQ topic's size limit; one too
 * large on its own is kept in a bounded form (shrinkDeadLetter), so a dead letter never fails.
 */
export async function publishManyToDlq(
  producer: Producer,
  topic: string,
  entries: readonly DlqEntry[],
  options: Pick<SendOptions, 'maxBatchBytes'> = {},
): Promise<void> {
  if (entries.length === 0) return;
  await sendRecords(producer, topic, entries.map(toDlqRecord), { ...options, shrink: shrinkDeadLetter });
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
