import type { IHeaders } from 'kafkajs';
import type { OutgoingRecord } from './producer';

/**
 * Bytes of a v2 record batch before its first record (base offset, length, epoch, magic, CRC,
 * attributes, offsets, timestamps, producer id/epoch, sequence, count). The broker compares the
 * whole batch, this header included, with the topic's `max.message.bytes`.
 */
export const RECORD_BATCH_OVERHEAD = 61;

/** The broker's default `message.max.bytes` (1 MiB + the 12-byte log overhead). */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

// Varints are bounded by their widest encoding rather than computed: an upper bound is all a
// batch splitter needs, and it stays an upper bound whatever the offsets and timestamps are.
const RECORD_FIXED = 5 /* length */ + 1 /* attributes */ + 10 /* timestamp delta */ + 5 /* offset delta */ + 5 /* key length */ + 5 /* value length */ + 5; /* header count */
const HEADER_FIXED = 5 + 5;

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length;
}

/** Bytes the headers take in a record, bounded above. */
export function headersBytesBound(headers: IHeaders | undefined): number {
  if (!headers) return 0;
  let total = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) total += HEADER_FIXED + Buffer.byteLength(name, 'utf8') + byteLength(v);
  }
  return total;
}

/** An upper bound of the bytes `record` takes inside an uncompressed v2 record batch. */
export function recordBytesBound(record: OutgoingRecord): number {
  return RECORD_FIXED + byteLength(record.key) + byteLength(record.value) + headersBytesBound(record.headers);
}
