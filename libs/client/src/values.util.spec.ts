import { describe, expect, it } from 'vitest';
import { sampled } from './sampling.util';
import { featuresRecord, labelValue, predictionValue, timestampValue } from './values.util';

describe('values', () => {
  it('turns NaN and infinities into null, dates into ISO strings, bigints into numbers', () => {
    expect(featuresRecord({ a: NaN, b: Infinity, c: undefined, d: new Date(Date.UTC(2026, 10, 26, 14)), e: 3n, f: 'x', g: false })).toEqual({
      a: null,
      b: null,
      c: null,
      d: '2026-11-26T14:00:00.000Z',
      e: 3,
      f: 'x',
      g: false,
    });
  });

  it('names the feature whose value it cannot send', () => {
    expect(() => featuresRecord({ tags: ['a'] as unknown as string })).toThrow(/feature "tags"/);
    expect(() => featuresRecord([] as unknown as Record<string, number>)).toThrow(/features must be an object/);
  });

  it('predictions: NaN is none, booleans 1/0, probabilities must be finite', () => {
    expect(predictionValue(NaN)).toBeUndefined();
    expect(predictionValue(true)).toBe(1);
    expect(predictionValue({ a: 0.4, b: 0.6 })).toEqual({ a: 0.4, b: 0.6 });
    expect(() => predictionValue({ a: NaN })).toThrow(/class "a"/);
  });

  it('labels and timestamps', () => {
    expect(labelValue(true)).toBe(true);
    expect(() => labelValue(NaN)).toThrow(/finite/);
    expect(timestampValue(new Date(1_795_701_600_123))).toBe(1_795_701_600_123);
    expect(() => timestampValue(1_795_701_600)).toThrow(/epoch seconds/);
    expect(Math.abs((timestampValue(undefined) as number) - Date.now())).toBeLessThan(1000);
  });
});

describe('sampling', () => {
  it('agrees with the Python client (CRC-32 of the UTF-8 id)', () => {
    // The same cases as clients/python/tests/test_encoding.py.
    const crcs = [3904355907, 1908338681, 834580660, 3947427262];
    expect(['a', 'b', 'event-1', 'événement'].map((id) => sampled(id, 0.5))).toEqual(crcs.map((c) => c < 2 ** 31));
  });

  it('keeps about the rate', () => {
    const kept = Array.from({ length: 20_000 }, (_, i) => `id-${i}`).filter((id) => sampled(id, 0.25)).length;
    expect(kept / 20_000).toBeGreaterThan(0.23);
    expect(kept / 20_000).toBeLessThan(0.27);
  });
});
