import { describe, expect, it } from 'vitest';
import { resolveLimits } from './contract-limits';
import { validateInferenceEvent } from './inference-event.validator';

const good = () => ({
  eventId: '3f0c1a',
  modelId: 'credit-risk',
  modelVersion: '7',
  timestamp: '2026-11-26T14:00:00.123Z',
  features: { income: 52.1, region: 'north', age: null, employed: true } as Record<string, unknown>,
  prediction: 0.83 as unknown,
});

function reasonFor(patch: Record<string, unknown>, limits = resolveLimits()): string {
  const result = validateInferenceEvent({ ...good(), ...patch }, limits);
  if (result.ok) throw new Error('expected the event to be rejected');
  return result.reason;
}

describe('validateInferenceEvent', () => {
  it('accepts the README example and normalises the timestamp to epoch ms', () => {
    const result = validateInferenceEvent(good());
    expect(result).toEqual({
      ok: true,
      value: {
        eventId: '3f0c1a',
        modelId: 'credit-risk',
        modelVersion: '7',
        timestamp: Date.UTC(2026, 10, 26, 14, 0, 0, 123),
        features: { income: 52.1, region: 'north', age: null, employed: true },
        prediction: 0.83,
      },
    });
  });

  it('accepts every prediction form and drops a null or absent one', () => {
    for (const prediction of [1, 'approve', { yes: 0.7, no: 0.3 }]) {
      const result = validateInferenceEvent({ ...good(), prediction });
      expect(result.ok && result.value.prediction).toEqual(prediction);
    }
    for (const prediction of [null, undefined]) {
      const result = validateInferenceEvent({ ...good(), prediction });
      expect(result.ok && 'prediction' in result.value).toBe(false);
    }
  });

  it('ignores unknown top-level fields and leaves them out of the result', () => {
    const result = validateInferenceEvent({ ...good(), requestId: 'r-1', latencyMs: 12 });
    expect(result.ok).toBe(true);
    expect(result.ok && Object.keys(result.value).sort()).toEqual(
      ['eventId', 'features', 'modelId', 'modelVersion', 'prediction', 'timestamp'],
    );
  });

  it('rejects a payload that is not an object', () => {
    expect(validateInferenceEvent([1, 2])).toMatchObject({ ok: false, reason: 'expected an object, got array' });
    expect(validateInferenceEvent(null)).toMatchObject({ ok: false, reason: 'expected an object, got null' });
    expect(validateInferenceEvent('x')).toMatchObject({ ok: false, reason: 'expected an object, got string' });
  });

  it.each([
    [{ eventId: undefined }, 'eventId: required'],
    [{ eventId: 42 }, 'eventId: must be a non-empty string of at most 128 characters, got number'],
    [{ modelId: '' }, 'modelId: must be a non-empty string of at most 128 characters, got an empty string'],
    [{ modelId: 'm'.repeat(129) }, 'modelId: must be a non-empty string of at most 128 characters, got 129 characters'],
    [{ modelId: 'credit\nrisk' }, 'modelId: must not contain control characters'],
    [{ modelVersion: 7 }, 'modelVersion: must be a non-empty string of at most 128 characters, got number'],
    [{ modelVersion: undefined }, 'modelVersion: required'],
    [{ timestamp: undefined }, 'timestamp: required'],
    [{ timestamp: 'yesterday' }, 'timestamp: not an ISO-8601 date or epoch milliseconds: "yesterday"'],
    [{ timestamp: null }, 'timestamp: not an ISO-8601 date or epoch milliseconds, got null'],
    [{ timestamp: 1795701600 }, 'timestamp: 1795701600 is before 1973-03-03 in epoch milliseconds (looks like epoch seconds)'],
    [{ features: undefined }, 'features: required'],
    [{ features: null }, 'features: required'],
    [{ features: [1, 2] }, 'features: expected an object of feature name to value, got array'],
    [{ features: 'a=1' }, 'features: expected an object of feature name to value, got string'],
    [{ features: { age: { years: 3 } } }, 'features.age: expected number|string|boolean|null, got object'],
    [{ features: { age: [3] } }, 'features.age: expected number|string|boolean|null, got array'],
    [{ features: { age: Number.NaN } }, 'features.age: expected a finite number, got NaN'],
    [{ features: { age: -Infinity } }, 'features.age: expected a finite number, got -Infinity'],
    [{ features: { '': 1 } }, 'features: feature name must not be empty'],
    [{ features: { '@prediction': 0.8 } }, 'features.@prediction: the name is reserved for the model\'s prediction (send it as "prediction")'],
    [{ features: { note: 'x'.repeat(1025) } }, 'features.note: string value longer than 1024 characters (1025)'],
    [{ prediction: true }, 'prediction: expected number|string|map of class to number, got boolean'],
    [{ prediction: [0.1, 0.9] }, 'prediction: expected number|string|map of class to number, got array'],
    [{ prediction: Number.NaN }, 'prediction: expected a finite number, got NaN'],
    [{ prediction: { yes: '0.7' } }, 'prediction.yes: expected number, got string'],
    [{ prediction: { yes: Infinity } }, 'prediction.yes: expected a finite number, got Infinity'],
    [{ prediction: { '': 0.5 } }, 'prediction: class name must not be empty'],
  ])('rejects %j with a reason naming the path', (patch, reason) => {
    expect(reasonFor(patch)).toBe(reason);
  });

  it('refuses prototype names as top-level keys, feature names and class names, but not as values', () => {
    const base = '"eventId":"e1","modelId":"m","modelVersion":"1","timestamp":1700000000000';
    const reasons = (json: string) => {
      const r = validateInferenceEvent(JSON.parse(json));
      return r.ok ? 'ok' : r.reason;
    };
    expect(reasons(`{${base},"__proto__":{"polluted":true},"features":{}}`)).toContain('__proto__: a prototype name is not allowed as a key');
    expect(reasons(`{${base},"constructor":{"prototype":{"x":1}},"features":{}}`)).toContain('constructor: a prototype name is not allowed as a key');
    expect(reasons(`{${base},"features":{"__proto__":1,"prototype":2,"constructor":"x"}}`)).toMatch(
      /features\.__proto__: a prototype name is not allowed as a feature name.*features\.prototype.*features\.constructor/,
    );
    expect(reasons(`{${base},"features":{"a":1},"prediction":{"__proto__":0.9,"b":0.1}}`)).toContain('prediction.__proto__: a prototype name is not allowed as a class name');
    expect(reasons(`{${base},"features":{"colour":"__proto__","kind":"constructor"},"prediction":"prototype"}`)).toBe('ok');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reserves only the exact prediction name: other names starting with @ are features', () => {
    expect(validateInferenceEvent({ ...good(), features: { '@timestamp': 'x', '@prediction2': 1, prediction: 0.5 } }).ok).toBe(true);
  });

  it('names an over-long feature name, abbreviated', () => {
    const name = 'f'.repeat(300);
    expect(reasonFor({ features: { [name]: 1 } })).toBe(
      `features.${'f'.repeat(64)}…: feature name longer than 256 characters (300)`,
    );
  });

  it('rejects too many features against a configurable limit', () => {
    const features = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}`, i]));
    expect(reasonFor({ features })).toBe('features: too many features: 1001 > 1000');
    const limits = resolveLimits({ maxFeatures: 3 });
    expect(reasonFor({ features: { a: 1, b: 2, c: 3, d: 4 } }, limits)).toBe('features: too many features: 4 > 3');
    expect(validateInferenceEvent({ ...good(), features: { a: 1, b: 2, c: 3 } }, limits).ok).toBe(true);
  });

  it('rejects too many prediction classes', () => {
    const limits = resolveLimits({ maxPredictionClasses: 2 });
    expect(reasonFor({ prediction: { a: 0.2, b: 0.3, c: 0.5 } }, limits)).toBe('prediction: too many classes: 3 > 2');
  });

  it('honours a configured id length', () => {
    const limits = resolveLimits({ maxIdLength: 4 });
    expect(reasonFor({ eventId: 'abcde', modelId: 'm' }, limits)).toBe(
      'eventId: must be a non-empty string of at most 4 characters, got 5 characters',
    );
  });

  it('reports every problem at once', () => {
    const result = validateInferenceEvent({ modelId: 1, timestamp: 'x', features: { a: {}, b: 2, c: [] } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual([
      'eventId: required',
      'modelId: must be a non-empty string of at most 128 characters, got number',
      'modelVersion: required',
      'timestamp: not an ISO-8601 date or epoch milliseconds: "x"',
      'features.a: expected number|string|boolean|null, got object',
      'features.c: expected number|string|boolean|null, got array',
    ]);
  });

  it('caps the reason at ten issues', () => {
    const features = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`f${i}`, {}]));
    const result = validateInferenceEvent({ ...good(), features });
    expect(!result.ok && result.issues.length).toBe(15);
    expect(!result.ok && result.reason.endsWith('features.f9: expected number|string|boolean|null, got object; and 5 more')).toBe(
      true,
    );
  });

  it('rejects invalid limits with the limit named', () => {
    expect(() => resolveLimits({ maxFeatures: 0 })).toThrow('contract limit maxFeatures must be a positive integer, got 0');
  });
});
