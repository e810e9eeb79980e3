import { describe, expect, it } from 'vitest';
import { toDateTime64 } from './datetime.util';

const viaIso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

describe('toDateTime64', () => {
  it('formats epoch milliseconds as UTC text with milliseconds', () => {
    expect(toDateTime64(Date.UTC(2026, 10, 26, 14, 0, 0, 123))).toBe('2026-11-26 14:00:00.123');
    expect(toDateTime64(0)).toBe('1970-01-01 00:00:00.000');
  });

  it('writes every instant as toISOString does, across days, leap days and fractions', () => {
    const samples = [
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2024, 2, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      253_402_300_800_000,
      -1,
      -86_400_001,
      1.5,
      Date.UTC(2026, 0, 1, 0, 0, 0, 7),
      Date.UTC(2026, 0, 1, 0, 0, 0, 70),
    ];
    let x = 0x9e3779b9;
    for (let i = 0; i < 2000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      // Alternating between far apart days exercises the cached date part.
      samples.push((i % 2 === 0 ? Date.UTC(2026, 5, 1) : Date.UTC(1999, 11, 31)) + (x % (3 * 86_400_000)));
    }
    for (const ms of samples) expect(toDateTime64(ms), String(ms)).toBe(viaIso(ms));
  });

  it('refuses a non-finite timestamp', () => {
    expect(() => toDateTime64(NaN)).toThrow(/Invalid timestamp/);
  });
});
