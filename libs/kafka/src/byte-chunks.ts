import { recordBytesBound, RECORD_BATCH_OVERHEAD } from './record-size';
import type { OutgoingRecord } from './producer';

export interface ByteChunk {
  records: OutgoingRecord[];
  /** Upper bound of the record batch these records make, header included. */
  bytes: number;
}

/**
 * Cuts `records`, in order, into chunks whose record batch stays within `maxBatchBytes` and at
 * most `maxCount` records. A chunk bounds all its records together, whatever partitions they go
 * to, so no partition's batch inside one produce request can exceed the limit either.
 * Every record must fit on its own (callers shrink the ones that do not first).
 */
export function chunkByBytes(records: readonly OutgoingRecord[], maxBatchBytes: number, maxCount = Number.POSITIVE_INFINITY): ByteChunk[] {
  const chunks: ByteChunk[] = [];
  let current: ByteChunk = { records: [], bytes: RECORD_BATCH_OVERHEAD };
  for (const record of records) {
    const size = recordBytesBound(record);
    if (RECORD_BATCH_OVERHEAD + size > maxBatchBytes) {
      throw new RangeError(`a record of ${size} bytes cannot fit a batch of at most ${maxBatchBytes} bytes`);
    }
    if (current.records.length > 0 && (current.bytes + size > maxBatchBytes || current.records.length >= maxCount)) {
      chunks.push(current);
      current = { records: [], bytes: RECORD_BATCH_OVERHEAD };
    }
    current.records.push(record);
    current.bytes += size;
  }
  if (current.records.length > 0) chunks.push(current);
  return chunks;
}
