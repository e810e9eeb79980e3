import { describe, expect, it } from 'vitest';
import { INFERENCE_EVENT_SCHEMA } from '../schemas/inference-event.schema';
import * as avro from './avro-bytes.test-util';
import { decodeInferenceEvent } from './inference-event.codec';
import { frameConfluent } from './wire-format';

const head = () =>
  Buffer.concat([avro.string('e1'), avro.string('m'), avro.string('7'), avro.long(1795701600123)]);

describe('bounded Avro map and array reads', () => {
  // Without the guard avsc loops 2^40 times on these six bytes: this test would hang.
  it('rejects a map block announcing more entries than bytes remain', () => {
    const bytes = Buffer.concat([head(), avro.long(2 ** 40)]);
    const result = decodeInferenceEvent(bytes, { format: 'avro' });
    expect(result).toMatchObject({
      ok: false,
      code: 'malformed',
      reason: 'malformed Avro: block of 1099511627776 entries but only 0 bytes left',
    });
  });

  it('rejects an oversized block in a field the reader skips (writer-only array of nulls)', () => {
    const writerSchema = {
      ...INFERENCE_EVENT_SCHEMA,
      fields: [...INFERENCE_EVENT_SCHEMA.fields, { name: 'tags', type: { type: 'array', items: 'null' } }],
    };
    const body = Buffer.concat([head(), avro.map([]), avro.branch(0), avro.long(2 ** 45)]);
    const result = decodeInferenceEvent(frameConfluent(3, body), {
      format: 'auto',
      registry: { schemas: { 3: writerSchema } },
    });
    expect(result).toMatchObject({ ok: false, code: 'malformed' });
    expect(!result.ok && result.reason).toContain('block of 35184372088832 entries exceeds the payload');
  });

  it('still reads blocks written with a negative count and a byte size', () => {
    const features = avro.sizedMap([
      ['income', avro.branch(2, avro.double(52.1))],
      ['region', avro.branch(3, avro.string('north'))],
    ]);
    const bytes = Buffer.concat([head(), features, avro.branch(0)]);
    const result = decodeInferenceEvent(bytes, { format: 'avro' });
    expect(result).toMatchObject({ ok: true, event: { features: { income: 52.1, region: 'north' } } });
  });

  it('skips sized blocks of writer-only map fields', () => {
    const writerSchema = {
      ...INFERENCE_EVENT_SCHEMA,
      fields: [...INFERENCE_EVENT_SCHEMA.fields, { name: 'meta', type: { type: 'map', values: 'string' } }],
    };
    const meta = avro.sizedMap([['team', avro.string('risk')]]);
    const body = Buffer.concat([head(), avro.map([['a', avro.branch(2, avro.double(1))]]), avro.branch(0), meta]);
    const result = decodeInferenceEvent(frameConfluent(4, body), {
      format: 'avro',
      registry: { schemas: { 4: writerSchema } },
    });
    expect(result).toMatchObject({ ok: true, event: { features: { a: 1 } } });
  });

  it('keeps a "__proto__" feature as data, not as the prototype, so validation sees and refuses it by name', () => {
    const features = avro.map([['__proto__', avro.branch(0)], ['x', avro.branch(2, avro.double(1))]]);
    const result = decodeInferenceEvent(Buffer.concat([head(), features, avro.branch(0)]), { format: 'avro' });
    // Had the decoder assigned the prototype, the key would be invisible and the event would pass.
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    expect(result.ok ? '' : result.reason).toContain('features.__proto__: a prototype name is not allowed as a feature name');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('never throws and always answers on random bytes', () => {
    // Deterministic xorshift so a failure can be replayed.
    let s = 0x9e3779b9;
    const next = () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), s >>> 0);
    for (let i = 0; i < 3000; i++) {
      const prefix = i % 2 === 0 ? head() : Buffer.alloc(0);
      const noise = Buffer.from(Array.from({ length: next() % 48 }, () => next() & 0xff));
      const result = decodeInferenceEvent(Buffer.concat([prefix, noise]), { format: 'auto' });
      expect(typeof result.ok).toBe('boolean');
    }
  });
});
