/** How a payload was (or is to be) framed on the wire. */
export type WireFormat = 'json' | 'avro' | 'confluent';

/** What a consumer accepts: one format, or whichever the payload looks like. */
export type DecodeFormat = 'json' | 'avro' | 'auto';

export const CONFLUENT_MAGIC_BYTE = 0;
export const CONFLUENT_HEADER_BYTES = 5;
const OPEN_BRACE = 0x7b;

/**
 * Which decoder a payload goes to. '{' can never start a valid Avro record of ours (0x7b is
 * the zigzag varint -62, a negative string length) and 0x00 cannot start a valid plain one
 * (it is an empty eventId / modelId), so the first byte decides without guessing.
 * A 0x00 payload is Confluent-framed even when its schema id is unknown: reporting
 * "unknown schema id" is more useful than the plain-Avro error the same bytes would give.
 */
export function detectWireFormat(bytes: Buffer, format: DecodeFormat): WireFormat {
  if (format === 'json') return 'json';
  if (format === 'auto' && bytes[0] === OPEN_BRACE) return 'json';
  return bytes[0] === CONFLUENT_MAGIC_BYTE ? 'confluent' : 'avro';
}

/** Prefixes Avro binary with the Confluent header: magic byte 0 and a big-endian schema id. */
export function frameConfluent(schemaId: number, avro: Buffer): Buffer {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > 0x7fffffff) {
    throw new RangeError(`Confluent schema id must be an integer in 0..2147483647, got ${schemaId}`);
  }
  const header = Buffer.alloc(CONFLUENT_HEADER_BYTES);
  header[0] = CONFLUENT_MAGIC_BYTE;
  header.writeUInt32BE(schemaId, 1);
  return Buffer.concat([header, avro]);
}

export type ConfluentHeader = { ok: true; schemaId: number } | { ok: false; reason: string };

export function readConfluentHeader(bytes: Buffer): ConfluentHeader {
  if (bytes.length < CONFLUENT_HEADER_BYTES) {
    return { ok: false, reason: `truncated Confluent header: ${bytes.length} bytes, expected at least 5` };
  }
  if (bytes[0] !== CONFLUENT_MAGIC_BYTE) {
    return { ok: false, reason: `not the Confluent wire format: magic byte ${bytes[0]}, expected 0` };
  }
  return { ok: true, schemaId: bytes.readUInt32BE(1) };
}
