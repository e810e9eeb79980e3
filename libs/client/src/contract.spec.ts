// The TypeScript client's payloads decode with libs/contracts as the aggregator decodes them
// (format `auto`), and its Avro reads with the canonical .avsc files themselves.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInferenceEventDecoder, createLabelEventDecoder } from '@driftwatch/contracts';
import { Type } from 'avsc';
import { afterAll, describe, expect, it } from 'vitest';
import { Monitor } from './monitor';

const T = Date.UTC(2026, 10, 26, 14, 0, 0, 123);
const schema = (name: string) => Type.forSchema(JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'contracts', 'schemas', name), 'utf8')));
const monitors = { json: offline('json'), avro: offline('avro') };

function offline(format: 'json' | 'avro') {
  return new Monitor({ modelId: 'contract-model', modelVersion: '7', brokers: '127.0.0.1:1', format, closeOnExit: false });
}

afterAll(async () => {
  await Promise.all(Object.values(monitors).map((m) => m.close(0)));
});

const CASES = [
  { name: 'plain', features: { income: 52.1, region: 'north', age: null, vip: true }, prediction: 0.83, expected: { features: { income: 52.1, region: 'north', age: null, vip: true }, prediction: 0.83 } },
  { name: 'nan', features: { x: NaN, when: new Date(T) }, prediction: NaN, expected: { features: { x: null, when: '2026-11-26T14:00:00.123Z' } } },
  { name: 'probabilities', features: {}, prediction: { approve: 0.7, deny: 0.3 }, expected: { features: {}, prediction: { approve: 0.7, deny: 0.3 } } },
  { name: 'class', features: { n: 3n }, prediction: 'approve', expected: { features: { n: 3 }, prediction: 'approve' } },
];

describe.each(['json', 'avro'] as const)('the TypeScript client speaks the contracts (%s)', (format) => {
  const decodeEvent = createInferenceEventDecoder({ format: 'auto' });
  const decodeLabel = createLabelEventDecoder({ format: 'auto' });

  it.each(CASES)('event $name', ({ name, features, prediction, expected }) => {
    const bytes = monitors[format].eventPayload(`ev-${name}`, features, prediction, new Date(T));
    expect(bytes[0] === 0x7b).toBe(format === 'json');
    const result = decodeEvent(bytes);
    if (!result.ok) throw new Error(result.reason);
    const { prediction: got, ...rest } = result.event;
    expect(rest).toEqual({ eventId: `ev-${name}`, modelId: 'contract-model', modelVersion: '7', timestamp: T, ...{ features: expected.features } });
    expect(got ?? undefined).toEqual(expected.prediction);
    if (format === 'avro') {
      const record = schema('inference-event.avsc').fromBuffer(bytes) as { features: Record<string, unknown>; timestamp: number };
      expect(Number(record.timestamp)).toBe(T);
      expect(Object.keys(record.features)).toEqual(Object.keys(expected.features));
    }
  });

  it.each([true, 1, 'fraud'])('label %s', (label) => {
    const bytes = monitors[format].labelPayload('ev-1', label, T);
    const result = decodeLabel(bytes);
    if (!result.ok) throw new Error(result.reason);
    expect(result.event).toEqual({ eventId: 'ev-1', modelId: 'contract-model', timestamp: T, label });
    if (format === 'avro') expect((schema('inference-label.avsc').fromBuffer(bytes) as { label: unknown }).label).toEqual(label);
  });
});
