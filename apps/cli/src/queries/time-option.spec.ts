import { describe, expect, it } from 'vitest';
import { parseTimeOption, parseTimeRange } from './time-option';

const NOW = Date.UTC(2026, 11, 3, 18, 0, 0);

describe('parseTimeOption', () => {
  it.each([
    ['now', NOW],
    ['90s', NOW - 90_000],
    ['15m', NOW - 15 * 60_000],
    ['2h', NOW - 2 * 3_600_000],
    ['1.5h', NOW - 90 * 60_000],
    ['7d', NOW - 7 * 86_400_000],
    ['1w', NOW - 7 * 86_400_000],
    ['2026-12-01', Date.UTC(2026, 11, 1)],
    ['2026-12-01T06:30', Date.UTC(2026, 11, 1, 6, 30)],
    ['2026-12-01 06:30:15', Date.UTC(2026, 11, 1, 6, 30, 15)],
    ['2026-12-01T06:30:00+02:00', Date.UTC(2026, 11, 1, 4, 30)],
    ['1764734400000', 1764734400000],
  ])('%s', (value, expected) => {
    expect(parseTimeOption('--from', value, NOW)).toBe(expected);
  });

  it.each(['yesterday', '2h ago', '-2h', '12/01/2026', '2026-13-45', '5y', ''])('refuses %j, naming the option and the forms it takes', (value) => {
    expect(() => parseTimeOption('--to', value, NOW)).toThrow(/^--to: expected an ISO-8601 time .*"now", or a time ago such as 30m, 2h, 7d; got /);
  });
});

describe('parseTimeRange', () => {
  it('leaves absent bounds to the API and checks the order, naming both times', () => {
    expect(parseTimeRange(undefined, undefined, NOW)).toEqual({ from: undefined, to: undefined });
    expect(parseTimeRange('2h', '1h', NOW)).toEqual({ from: NOW - 7_200_000, to: NOW - 3_600_000 });
    expect(() => parseTimeRange('1h', '2h', NOW)).toThrow('--from (2026-12-03T17:00:00.000Z) must be before --to (2026-12-03T16:00:00.000Z)');
    expect(() => parseTimeRange('2026-12-04', undefined, NOW)).toThrow('--from (2026-12-04T00:00:00.000Z) must be before --to (2026-12-03T18:00:00.000Z, now)');
  });
});
