import { describe, expect, it } from 'vitest';
import { chunkByBytes } from './byte-chunks';
import type { OutgoingRecord } from './producer';
import { RECORD_BATCH_OVERHEAD, recordBytesBound } from './record-size';

const record = (bytes: number, i = 0): OutgoingRecord => ({ key: `k${i}`, value: Buffer.alloc(bytes, 1) });

describe('chunkByBytes', () => {
  it('keeps every record, in order, and no chunk over the byte or count limit', () => {
    const sizes = [10, 900, 3_000, 1, 4_800, 200, 200, 200, 2_500, 0, 4_850, 17];
    const records = Array.from({ length: 300 }, (_, i) => record(sizes[i % sizes.length], i));
    for (const [maxBytes, maxCount] of [[5_000, Infinity], [10_000, 7], [1_000_000, 50]] as const) {
      const chunks = chunkByBytes(records, maxBytes, maxCount);
      expect(chunks.flatMap((c) => c.records)).toEqual(records);
      for (const c of chunks) {
        expect(c.bytes).toBe(RECORD_BATCH_OVERHEAD + c.records.reduce((n, r) => n + recordBytesBound(r), 0));
        expect(c.bytes).toBeLessThanOrEqual(maxBytes);
        expect(c.records.length).toBeLessThanOrEqual(maxCount);
      }
      // Greedy: a chunk is only closed when the next record would not fit it.
      for (let i = 0; i + 1 < chunks.length; i++) {
        const next = chunks[i + 1].records[0];
        expect(chunks[i].bytes + recordBytesBound(next) > maxBytes || chunks[i].records.length === maxCount).toBe(true);
      }
    }
  });

  it('gives no chunk for no records, and refuses a record that cannot fit alone', () => {
    expect(chunkByBytes([], 1_000)).toEqual([]);
    expect(() => chunkByBytes([record(10), record(2_000)], 1_000)).toThrow(/cannot fit a batch of at most 1000 bytes/);
  });
});
