import { describe, expect, it } from 'vitest';
import type { WindowClosedMessage } from '../events/window-closed';
import * as avro from './avro-bytes.test-util';
import { decodeWindowClosed, encodeWindowClosed } from './window-closed.codec';

const message: WindowClosedMessage = {
  schemaVersion: 1,
  modelId: 'credit-risk',
  modelVersion: '7',
  windowStart: 1795701600000,
  windowEnd: 1795701660000,
  eventCount: 120,
  lateCount: 3,
  closedAt: 1795701665000,
  reason: 'late-update',
};

describe('encodeWindowClosed / decodeWindowClosed', () => {
  it('round-trips JSON by default and Avro on request', () => {
    expect(decodeWindowClosed(encodeWindowClosed(message))).toEqual({ ok: true, event: message, format: 'json' });
    expect(decodeWindowClosed(encodeWindowClosed(message, 'avro'), { format: 'avro' })).toEqual({
      ok: true,
      event: message,
      format: 'avro',
    });
  });

  it('writes the Avro binary the specification prescribes', () => {
    const hand = Buffer.concat([
      avro.long(1),
      avro.string('credit-risk'),
      avro.string('7'),
      avro.long(1795701600000),
      avro.long(1795701660000),
      avro.long(120),
      avro.long(3),
      avro.long(1795701665000),
      avro.string('late-update'),
    ]);
    expect(encodeWindowClosed(message, 'avro').equals(hand)).toBe(true);
  });

  it('rejects a message of a newer schema version', () => {
    const bytes = Buffer.from(JSON.stringify({ ...message, schemaVersion: 2 }));
    expect(decodeWindowClosed(bytes)).toEqual({
      ok: false,
      code: 'invalid',
      reason: 'schemaVersion: unsupported version 2, expected 1',
      format: 'json',
    });
  });
});
