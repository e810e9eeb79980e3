import { describe, expect, it } from 'vitest';
import type { InferenceEvent } from '../events/inference-event';
import { INFERENCE_EVENT_SCHEMA } from '../schemas/inference-event.schema';
import { ContractValidationError } from '../validation/validation-result';
import * as avro from './avro-bytes.test-util';
import { forGuardedSchema } from './avro-guard';
import type { DecodeOptions } from './decode-result';
import { createInferenceEventDecoder, decodeInferenceEvent, encodeInferenceEvent } from './inference-event.codec';
import { frameConfluent } from './wire-format';

const event: InferenceEvent = {
  eventId: '3f0c1a',
  modelId: 'credit-risk',
  modelVersion: '7',
  timestamp: Date.UTC(2026, 10, 26, 14, 0, 0, 123),
  features: { income: 52.1, region: 'north', age: null, employed: true },
  prediction: 0.83,
};

/** The same event written by hand from the Avro specification, field by field. */
const handEncoded = Buffer.concat([
  avro.string('3f0c1a'),
  avro.string('credit-risk'),
  avro.string('7'),
  avro.long(Date.UTC(2026, 10, 26, 14, 0, 0, 123)),
  avro.map([
    ['income', avro.branch(2, avro.double(52.1))],
    ['region', avro.branch(3, avro.string('north'))],
    ['age', avro.branch(0)],
    ['employed', avro.branch(1, avro.boolean(true))],
  ]),
  avro.branch(1, avro.double(0.83)),
]);

const registry = { schemas: { 1: INFERENCE_EVENT_SCHEMA, 2: JSON.stringify(INFERENCE_EVENT_SCHEMA) } };
const auto: DecodeOptions = { format: 'auto', registry };

function failure(bytes: Buffer, opts: DecodeOptions = auto) {
  const result = decodeInferenceEvent(bytes, opts);
  if (result.ok) throw new Error('expected the payload to be rejected');
  return result;
}

describe('encodeInferenceEvent / decodeInferenceEvent', () => {
  it('writes exactly the Avro binary the specification prescribes for the canonical schema', () => {
    expect(encodeInferenceEvent(event, 'avro').equals(handEncoded)).toBe(true);
    expect(decodeInferenceEvent(handEncoded, { format: 'avro' })).toEqual({ ok: true, event, format: 'avro' });
  });

  it.each(['json', 'avro'] as const)('round-trips %s', (format) => {
    expect(decodeInferenceEvent(encodeInferenceEvent(event, format), { format })).toEqual({ ok: true, event, format });
  });

  it('round-trips the Confluent wire format with the schema given as object or JSON text', () => {
    for (const schemaId of [1, 2]) {
      const bytes = encodeInferenceEvent(event, 'confluent', { schemaId });
      expect([...bytes.subarray(0, 5)]).toEqual([0, 0, 0, 0, schemaId]);
      expect(bytes.subarray(5).equals(handEncoded)).toBe(true);
      expect(decodeInferenceEvent(bytes, { format: 'avro', registry })).toEqual({ ok: true, event, format: 'confluent' });
    }
  });

  it('round-trips every prediction form and no prediction in Avro', () => {
    const { prediction: _omitted, ...without } = event;
    for (const e of [without, { ...event, prediction: 'approve' }, { ...event, prediction: { yes: 0.7, no: 0.3 } }]) {
      expect(decodeInferenceEvent(encodeInferenceEvent(e, 'avro'), { format: 'avro' })).toEqual({
        ok: true,
        event: e,
        format: 'avro',
      });
    }
  });

  it('accepts an ISO timestamp on input and normalises it to epoch ms, JSON text too', () => {
    const json = Buffer.from(JSON.stringify({ ...event, timestamp: '2026-11-26T15:00:00.123+01:00' }));
    expect(decodeInferenceEvent(json, { format: 'json' })).toEqual({ ok: true, event, format: 'json' });
    const iso = encodeInferenceEvent(event, 'json', { jsonTimestamp: 'iso' });
    expect(JSON.parse(iso.toString()).timestamp).toBe('2026-11-26T14:00:00.123Z');
    expect(decodeInferenceEvent(iso, { format: 'json' })).toMatchObject({ ok: true, event });
  });

  it("detects the format in 'auto' mode from the first byte", () => {
    expect(decodeInferenceEvent(encodeInferenceEvent(event, 'json'), auto)).toMatchObject({ ok: true, format: 'json' });
    expect(decodeInferenceEvent(encodeInferenceEvent(event, 'avro'), auto)).toMatchObject({ ok: true, format: 'avro' });
    const confluent = encodeInferenceEvent(event, 'confluent', { schemaId: 1 });
    expect(decodeInferenceEvent(confluent, auto)).toMatchObject({ ok: true, format: 'confluent' });
  });

  it("does not read JSON when the format is 'avro'", () => {
    const result = failure(encodeInferenceEvent(event, 'json'), { format: 'avro' });
    expect(result).toMatchObject({ code: 'malformed', format: 'avro' });
  });

  it('reports validation failures with the path, after decoding either format', () => {
    const json = Buffer.from(JSON.stringify({ ...event, features: { age: { years: 3 } } }));
    expect(failure(json)).toEqual({
      ok: false,
      code: 'invalid',
      reason: 'features.age: expected number|string|boolean|null, got object',
      format: 'json',
    });
    // NaN cannot be written in JSON but can in an Avro double.
    const nan = Buffer.concat([
      avro.string('e1'),
      avro.string('m'),
      avro.string('7'),
      avro.long(1795701600123),
      avro.map([['income', avro.branch(2, avro.double(Number.NaN))]]),
      avro.branch(0),
    ]);
    expect(failure(nan, { format: 'avro' })).toMatchObject({
      code: 'invalid',
      reason: 'features.income: expected a finite number, got NaN',
    });
    // Plain Avro with an empty eventId starts with 0x00 and is read as Confluent-framed:
    // still rejected, as it must be.
    const emptyId = Buffer.concat([avro.long(0), handEncoded.subarray(avro.string('3f0c1a').length)]);
    expect(failure(emptyId, { format: 'avro' }).code).toBe('unknown-schema');
  });

  describe('malformed payloads', () => {
    it('rejects empty and missing payloads', () => {
      expect(failure(Buffer.alloc(0))).toEqual({ ok: false, code: 'empty-payload', reason: 'empty payload' });
      expect(failure(null as unknown as Buffer)).toMatchObject({ code: 'empty-payload' });
    });

    it('rejects payloads over the size limit before parsing', () => {
      const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
      big[0] = 0x7b;
      expect(failure(big)).toEqual({
        ok: false,
        code: 'payload-too-large',
        reason: 'payload too large: 1048577 bytes > limit of 1048576 bytes',
      });
      const json = encodeInferenceEvent(event, 'json');
      expect(failure(json, { format: 'json', maxBytes: 100 }).reason).toBe(
        `payload too large: ${json.length} bytes > limit of 100 bytes`,
      );
      expect(decodeInferenceEvent(json, { format: 'json', maxBytes: json.length }).ok).toBe(true);
    });

    it('rejects malformed JSON with the parser message', () => {
      const result = failure(Buffer.from('{"eventId": "e1", '));
      expect(result.code).toBe('malformed');
      expect(result.reason).toMatch(/^malformed JSON: /);
    });

    it('rejects JSON that is not an object', () => {
      expect(failure(Buffer.from('[1,2]'), { format: 'json' }).reason).toBe('expected a JSON object, got array');
      expect(failure(Buffer.from('null'), { format: 'json' }).reason).toBe('expected a JSON object, got null');
    });

    it('rejects JSON that is not valid UTF-8', () => {
      const bytes = Buffer.concat([Buffer.from('{"eventId": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
      expect(failure(bytes).reason).toBe('malformed JSON: not valid UTF-8');
    });

    it('rejects truncated Avro', () => {
      const bytes = encodeInferenceEvent(event, 'avro');
      for (const cut of [1, 9, bytes.length - 20]) {
        expect(failure(bytes.subarray(0, bytes.length - cut), { format: 'avro' })).toMatchObject({
          code: 'malformed',
          reason: 'malformed Avro: truncated or corrupt payload',
        });
      }
    });

    it('rejects Avro with bytes after the record', () => {
      const bytes = Buffer.concat([encodeInferenceEvent(event, 'avro'), Buffer.from([1, 2, 3])]);
      expect(failure(bytes, { format: 'avro' }).reason).toBe('malformed Avro: 3 bytes left after the record');
    });

    it('rejects an invalid union branch', () => {
      const bytes = Buffer.concat([handEncoded.subarray(0, handEncoded.length - 9), avro.branch(7, avro.double(1))]);
      expect(failure(bytes, { format: 'avro' }).reason).toBe('malformed Avro: invalid union index: 7');
    });

    it('rejects a Confluent header that is too short', () => {
      expect(failure(Buffer.from([0, 0, 1]), auto)).toMatchObject({
        code: 'malformed',
        reason: 'truncated Confluent header: 3 bytes, expected at least 5',
      });
    });

    it('rejects an unknown schema id, naming the configured ones', () => {
      const bytes = frameConfluent(42, handEncoded);
      expect(failure(bytes)).toEqual({
        ok: false,
        code: 'unknown-schema',
        reason: 'unknown schema id 42 (configured ids: 1, 2)',
        format: 'confluent',
      });
      expect(failure(bytes, { format: 'auto' }).reason).toBe(
        'unknown schema id 42: Confluent wire format (magic byte 0) but no writer schemas are configured',
      );
    });

    it('treats a payload without the Confluent magic byte as plain Avro', () => {
      const wrongMagic = Buffer.concat([Buffer.from([1, 0, 0, 0, 1]), handEncoded]);
      expect(failure(wrongMagic)).toMatchObject({ code: 'malformed', format: 'avro' });
    });
  });

  describe('schema evolution through the Confluent wire format', () => {
    const fields = INFERENCE_EVENT_SCHEMA.fields;

    function writtenWith(writerSchema: object, value: object, schemaId = 10) {
      const writer = forGuardedSchema(writerSchema, { wrapUnions: 'auto' });
      const bytes = frameConfluent(schemaId, writer.toBuffer(value));
      return decodeInferenceEvent(bytes, { format: 'auto', registry: { schemas: { [schemaId]: writerSchema } } });
    }

    it('drops a field the canonical schema does not know', () => {
      const writer = { ...INFERENCE_EVENT_SCHEMA, fields: [...fields, { name: 'requestId', type: 'string' }] };
      expect(writtenWith(writer, { ...event, requestId: 'r-1' })).toEqual({ ok: true, event, format: 'confluent' });
    });

    it('fills the optional prediction when the writer has no such field', () => {
      const writer = { ...INFERENCE_EVENT_SCHEMA, fields: fields.filter((f) => f.name !== 'prediction') };
      const { prediction: _omitted, ...without } = event;
      expect(writtenWith(writer, without)).toEqual({ ok: true, event: without, format: 'confluent' });
    });

    it('promotes long, int and float writer branches to double, from a producer namespace', () => {
      const writer = {
        ...INFERENCE_EVENT_SCHEMA,
        namespace: 'com.acme.models',
        fields: fields.map((f) =>
          f.name === 'features'
            ? { ...f, type: { type: 'map', values: ['null', 'long', 'int', 'float', 'double', 'string', 'boolean'] } }
            : f,
        ),
      };
      const features = { count: { long: 12 }, small: { int: 3 }, ratio: { float: 0.5 }, name: { string: 'x' }, gone: null };
      expect(writtenWith(writer, { ...event, features })).toMatchObject({
        ok: true,
        event: { features: { count: 12, small: 3, ratio: 0.5, name: 'x', gone: null } },
      });
    });

    it('rejects a writer schema that cannot be read as the canonical one', () => {
      const writer = {
        ...INFERENCE_EVENT_SCHEMA,
        fields: fields.map((f) => (f.name === 'timestamp' ? { name: 'timestamp', type: 'string' } : f)),
      };
      const result = writtenWith(writer, { ...event, timestamp: '2026-11-26T14:00:00Z' });
      expect(result).toMatchObject({ ok: false, code: 'incompatible-schema', format: 'confluent' });
      expect(!result.ok && result.reason).toMatch(/^schema id 10: cannot be read as the canonical InferenceEvent schema: /);
    });

    it('rejects a writer schema with another record name', () => {
      const writer = { ...INFERENCE_EVENT_SCHEMA, name: 'Prediction' };
      const result = writtenWith(writer, event);
      expect(result).toMatchObject({ ok: false, code: 'incompatible-schema' });
    });

    it('rejects a configured schema that is not valid Avro', () => {
      const bytes = frameConfluent(5, handEncoded);
      const result = decodeInferenceEvent(bytes, { format: 'auto', registry: { schemas: { 5: '{"type": "recrod"}' } } });
      expect(result).toEqual({
        ok: false,
        code: 'incompatible-schema',
        reason: 'schema id 5: invalid Avro schema: unknown type: "recrod"',
        format: 'confluent',
      });
    });
  });

  it('applies configured limits when decoding', () => {
    const decode = createInferenceEventDecoder({ format: 'json', limits: { maxFeatures: 2 } });
    expect(decode(encodeInferenceEvent(event, 'json'))).toMatchObject({
      ok: false,
      code: 'invalid',
      reason: 'features: too many features: 4 > 2',
    });
  });

  it('refuses to encode an invalid event or a Confluent payload without schema id', () => {
    expect(() => encodeInferenceEvent({ ...event, modelId: '' }, 'json')).toThrow(ContractValidationError);
    expect(() => encodeInferenceEvent({ ...event, modelId: '' }, 'json')).toThrow(
      'invalid InferenceEvent: modelId: must be a non-empty string of at most 128 characters, got an empty string',
    );
    expect(() => encodeInferenceEvent(event, 'confluent')).toThrow('encoding the Confluent wire format needs opts.schemaId');
    expect(() => encodeInferenceEvent(event, 'confluent', { schemaId: -1 })).toThrow(
      'Confluent schema id must be an integer in 0..2147483647, got -1',
    );
  });
});
