import { describe, expect, it } from 'vitest';
import type { OutgoingRecord } from './producer';
import { RECORD_BATCH_OVERHEAD, recordBytesBound } from './record-size';

// kafkajs' own v2 encoders are the reference: what the broker measures is what they write.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as { RecordBatch: (o: { records: unknown[] }) => Promise<{ buffer: Buffer }> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as (o: object) => unknown;

async function encodedBatchBytes(records: OutgoingRecord[], timestampDelta = 0): Promise<number> {
  const encoded = await RecordBatch({
    records: records.map((r, i) => Record({ offsetDelta: i, timestampDelta, key: r.key ?? null, value: r.value, headers: r.headers ?? {} })),
  });
  // kafkajs writes the batch without its 12-byte offset+length prefix; the broker's size has it.
  return encoded.buffer.length + 12;
}

describe('recordBytesBound', () => {
  const cases: [string, OutgoingRecord[]][] = [
    ['empty value, no key', [{ value: Buffer.alloc(0) }]],
    ['null value (tombstone)', [{ key: 'm', value: null }]],
    ['one small JSON event', [{ key: 'credit-risk', value: Buffer.from('{"eventId":"e1","features":{"age":41}}') }]],
    ['headers with arrays and UTF-8', [{ key: 'ü', value: 'x'.repeat(300), headers: { 'dw-reason': 'invalid: ä', multi: ['a', 'bb', 'ccc'] } }]],
    ['a large value', [{ value: Buffer.alloc(900_000, 7) }]],
    ['many records', Array.from({ length: 500 }, (_, i) => ({ key: `k${i}`, value: Buffer.alloc(i * 3, 1), headers: { h: String(i) } }))],
  ];

  it.each(cases)('bounds the encoded size from above, within 30 bytes a record: %s', async (_name, records) => {
    for (const timestampDelta of [0, 2 ** 40]) {
      const actual = await encodedBatchBytes(records, timestampDelta);
      const bound = RECORD_BATCH_OVERHEAD + records.reduce((n, r) => n + recordBytesBound(r), 0);
      expect(bound).toBeGreaterThanOrEqual(actual);
      expect(bound - actual).toBeLessThanOrEqual(30 * records.length + 20 * records.reduce((n, r) => n + Object.keys(r.headers ?? {}).length * 3, 0));
    }
  });
});
