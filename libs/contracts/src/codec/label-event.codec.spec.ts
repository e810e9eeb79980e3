import { describe, expect, it } from 'vitest';
import type { LabelEvent } from '../events/label-event';
import { INFERENCE_LABEL_SCHEMA } from '../schemas/inference-label.schema';
import * as avro from './avro-bytes.test-util';
import { decodeLabelEvent, encodeLabelEvent } from './label-event.codec';

const label: LabelEvent = { eventId: '3f0c1a', modelId: 'credit-risk', timestamp: 1795701600123, label: 1 };

describe('encodeLabelEvent / decodeLabelEvent', () => {
  it('writes the Avro binary the specification prescribes', () => {
    const hand = Buffer.concat([
      avro.string('3f0c1a'),
      avro.string('credit-risk'),
      avro.long(1795701600123),
      avro.branch(0, avro.double(1)),
    ]);
    expect(encodeLabelEvent(label, 'avro').equals(hand)).toBe(true);
  });

  it.each([1, 0.25, 'fraud', true])('round-trips label %j in every format', (value) => {
    const l = { ...label, label: value };
    const registry = { schemas: { 9: INFERENCE_LABEL_SCHEMA } };
    for (const format of ['json', 'avro', 'confluent'] as const) {
      const bytes = encodeLabelEvent(l, format, { schemaId: 9 });
      expect(decodeLabelEvent(bytes, { format: 'auto', registry })).toEqual({ ok: true, event: l, format });
    }
  });

  it('accepts an ISO timestamp in JSON', () => {
    const bytes = Buffer.from(JSON.stringify({ ...label, timestamp: '2026-11-26T14:00:00.123Z' }));
    expect(decodeLabelEvent(bytes, { format: 'json' })).toEqual({ ok: true, event: label, format: 'json' });
  });

  it('reports invalid and malformed labels without throwing', () => {
    expect(decodeLabelEvent(Buffer.from(JSON.stringify({ ...label, label: null })), { format: 'auto' })).toEqual({
      ok: false,
      code: 'invalid',
      reason: 'label: expected number|string|boolean, got null',
      format: 'json',
    });
    const bytes = encodeLabelEvent(label, 'avro');
    expect(decodeLabelEvent(bytes.subarray(0, bytes.length - 2), { format: 'avro' })).toMatchObject({
      ok: false,
      code: 'malformed',
      reason: 'malformed Avro: truncated or corrupt payload',
    });
    expect(decodeLabelEvent(Buffer.alloc(2000), { format: 'avro', maxBytes: 1000 })).toMatchObject({
      ok: false,
      code: 'payload-too-large',
    });
  });
});
