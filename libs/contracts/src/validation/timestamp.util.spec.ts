import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './timestamp.util';

// Reference values from Python's datetime (scripts/gen_timestamp_fixtures.py).
interface Fixture {
  valid_iso: { input: string; ms: number }[];
  impossible_iso: string[];
  unsupported_iso: string[];
  too_early_iso: string[];
  valid_epoch_ms: { input: number; ms: number }[];
  invalid_epoch_ms: number[];
}
const fixture: Fixture = JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/timestamps.json'), 'utf8'));

describe('parseTimestamp', () => {
  it.each(fixture.valid_iso)('reads $input as $ms', ({ input, ms }) => {
    expect(parseTimestamp(input)).toEqual({ ok: true, ms });
  });

  it.each(fixture.valid_epoch_ms)('reads epoch milliseconds $input as $ms', ({ input, ms }) => {
    expect(parseTimestamp(input)).toEqual({ ok: true, ms });
  });

  it.each(fixture.impossible_iso)('rejects the impossible date or time %s', (input) => {
    expect(parseTimestamp(input)).toEqual({ ok: false, message: `not a valid date or time: ${JSON.stringify(input)}` });
  });

  it.each(fixture.unsupported_iso)('rejects %j as not ISO-8601', (input) => {
    expect(parseTimestamp(input)).toEqual({
      ok: false,
      message: `not an ISO-8601 date or epoch milliseconds: ${JSON.stringify(input)}`,
    });
  });

  it.each(fixture.too_early_iso)('rejects %s as before 1973-03-03', (input) => {
    const result = parseTimestamp(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('is outside 1973-03-03T09:46:40Z .. 9999-12-31T23:59:59.999Z');
  });

  it.each(fixture.invalid_epoch_ms)('rejects epoch milliseconds %d', (input) => {
    expect(parseTimestamp(input).ok).toBe(false);
  });

  it('names epoch seconds as the probable mistake', () => {
    expect(parseTimestamp(1795701600)).toEqual({
      ok: false,
      message: '1795701600 is before 1973-03-03 in epoch milliseconds (looks like epoch seconds)',
    });
  });

  it('rejects non-finite numbers and other types with what it got', () => {
    expect(parseTimestamp(Number.NaN)).toEqual({ ok: false, message: 'not an ISO-8601 date or epoch milliseconds, got NaN' });
    expect(parseTimestamp(Infinity)).toEqual({
      ok: false,
      message: 'not an ISO-8601 date or epoch milliseconds, got Infinity',
    });
    expect(parseTimestamp(true)).toEqual({ ok: false, message: 'not an ISO-8601 date or epoch milliseconds, got boolean' });
    expect(parseTimestamp({})).toEqual({ ok: false, message: 'not an ISO-8601 date or epoch milliseconds, got object' });
  });

  it('does not depend on the local time zone for zone-less date-times', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(parseTimestamp('2026-11-26T14:00:00.123')).toEqual({ ok: true, ms: 1795701600123 });
    } finally {
      process.env.TZ = before;
    }
  });
});
