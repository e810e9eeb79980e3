import { describe, expect, it } from 'vitest';
import { detectWireFormat, frameConfluent, readConfluentHeader } from './wire-format';

describe('Confluent framing', () => {
  it('writes magic byte 0 and the schema id big-endian', () => {
    const framed = frameConfluent(0x01020304, Buffer.from([9]));
    expect([...framed]).toEqual([0, 1, 2, 3, 4, 9]);
    expect(readConfluentHeader(framed)).toEqual({ ok: true, schemaId: 0x01020304 });
  });

  it('rejects a wrong magic byte and a short header', () => {
    expect(readConfluentHeader(Buffer.from([1, 0, 0, 0, 7]))).toEqual({
      ok: false,
      reason: 'not the Confluent wire format: magic byte 1, expected 0',
    });
    expect(readConfluentHeader(Buffer.from([0, 0]))).toEqual({
      ok: false,
      reason: 'truncated Confluent header: 2 bytes, expected at least 5',
    });
  });
});

describe('detectWireFormat', () => {
  it('routes by the first byte', () => {
    expect(detectWireFormat(Buffer.from('{}'), 'auto')).toBe('json');
    expect(detectWireFormat(Buffer.from([0, 0, 0, 0, 1]), 'auto')).toBe('confluent');
    expect(detectWireFormat(Buffer.from([12, 1]), 'auto')).toBe('avro');
    expect(detectWireFormat(Buffer.from('{}'), 'avro')).toBe('avro');
    expect(detectWireFormat(Buffer.from([0, 0, 0, 0, 1]), 'avro')).toBe('confluent');
    expect(detectWireFormat(Buffer.from([0]), 'json')).toBe('json');
  });
});
