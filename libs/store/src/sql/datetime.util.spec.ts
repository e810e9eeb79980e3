import { describe, expect, it } from 'vitest';
import { toDateTime64 } from './datetime.util';

describe('toDateTime64', () => {
  it('formats epoch milliseconds as UTC text with milliseconds', () => {
    expect(toDateTime64(Date.UTC(2026, 10, 26, 14, 0, 0, 123))).toBe('2026-11-26 14:00:00.123');
    expect(toDateTime64(0)).toBe('1970-01-01 00:00:00.000');
  });

  it('refuses a non-finite timestamp', () => {
    expect(() => toDateTime64(NaN)).toThrow(/Invalid timestamp/);
  });
});
