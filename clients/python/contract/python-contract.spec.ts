// The Python client's payloads decode with libs/contracts, as the aggregator decodes them
// (format `auto`: JSON or plain Avro), with the values the model code meant: numpy and pandas
// values unwrapped, NaN and infinity as null, dates in epoch milliseconds.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createInferenceEventDecoder, createLabelEventDecoder, type InferenceEvent, type LabelEvent } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';

interface Case {
  case: string;
  format: 'json' | 'avro';
  kind: 'event' | 'label';
  payload: string;
}

const T = Date.UTC(2026, 10, 26, 14, 0, 0, 123);
const python = path.join(import.meta.dirname, '..', '.venv', 'bin', 'python');
const cases: Case[] = execFileSync(python, [path.join(import.meta.dirname, 'encode_cases.py')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Case);

const decodeEvent = createInferenceEventDecoder({ format: 'auto' });
const decodeLabel = createLabelEventDecoder({ format: 'auto' });

const EVENTS: Record<string, Omit<InferenceEvent, 'eventId' | 'modelId' | 'modelVersion' | 'timestamp'>> = {
  plain: { features: { income: 52.1, region: 'north', age: null, vip: true }, prediction: 0.83 },
  numpy: { features: { income: 1.5, n: 3, flag: false, name: 'x', gone: null }, prediction: 0.25 },
  'pandas-row': { features: { income: 10, region: 'south', missing: null, when: '2026-11-26T14:00:00.123Z' }, prediction: 'approve' },
  probabilities: { features: { x: null }, prediction: { approve: 0.7, deny: 0.3 } },
  'no-prediction': { features: {} },
};
const LABELS: Record<string, LabelEvent['label']> = { bool: true, number: 1, class: 'fraud' };

describe('the Python client speaks the contracts', () => {
  it('printed every case in both formats', () => {
    expect(cases.map((c) => `${c.format}/${c.kind}/${c.case}`).sort()).toEqual(
      ['json', 'avro'].flatMap((f) => [...Object.keys(EVENTS).map((n) => `${f}/event/${n}`), ...Object.keys(LABELS).map((n) => `${f}/label/${n}`)]).sort(),
    );
  });

  it.each(cases.filter((c) => c.kind === 'event'))('event $case ($format) decodes to what the model code meant', (c) => {
    const bytes = Buffer.from(c.payload, 'base64');
    expect(bytes[0] === 0x7b).toBe(c.format === 'json');
    const result = decodeEvent(bytes);
    if (!result.ok) throw new Error(`${c.case} (${c.format}): ${result.reason}`);
    const { prediction, ...rest } = result.event;
    const expected = EVENTS[c.case];
    expect(rest).toEqual({ eventId: `ev-${c.case}`, modelId: 'contract-model', modelVersion: '7', timestamp: T, features: expected.features });
    // Avro has no "absent": the decoder gives null or undefined for no prediction.
    expect(prediction ?? undefined).toEqual(expected.prediction);
  });

  it.each(cases.filter((c) => c.kind === 'label'))('label $case ($format) decodes', (c) => {
    const result = decodeLabel(Buffer.from(c.payload, 'base64'));
    if (!result.ok) throw new Error(`${c.case} (${c.format}): ${result.reason}`);
    expect(result.event).toEqual({ eventId: `ev-${c.case}`, modelId: 'contract-model', timestamp: T, label: LABELS[c.case] });
  });
});
