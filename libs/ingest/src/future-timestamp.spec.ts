import { describe, expect, it } from 'vitest';
import { aggregatorClock, formatAhead, futureTimestampReason } from './future-timestamp';

const NOW = Date.UTC(2026, 10, 26, 14, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('aggregatorClock', () => {
  it('takes the Kafka record time when it is earlier than the wall clock, so a later replay judges alike', () => {
    expect(aggregatorClock(NOW, String(NOW - 5_000))).toBe(NOW - 5_000);
    expect(aggregatorClock(NOW + 2 * HOUR, String(NOW - 5_000))).toBe(NOW - 5_000);
  });

  it('falls back to the wall clock for a record stamped later, or without a usable timestamp', () => {
    expect(aggregatorClock(NOW, String(NOW + 60_000))).toBe(NOW);
    for (const t of [undefined, '-1', '0', '', 'soon']) expect(aggregatorClock(NOW, t)).toBe(NOW);
  });
});

describe('futureTimestampReason', () => {
  it('accepts events up to the limit ahead, and any in the past', () => {
    expect(futureTimestampReason(NOW + HOUR, NOW, HOUR)).toBeNull();
    expect(futureTimestampReason(NOW - 30 * DAY, NOW, HOUR)).toBeNull();
  });

  it('names the timestamp, how far ahead it is and the limit', () => {
    expect(futureTimestampReason(Date.UTC(2026, 10, 29, 15, 30, 0), NOW, HOUR)).toBe(
      'timestamp 2026-11-29T15:30:00.000Z is 3 days ahead of the aggregator clock (limit 3600 s)',
    );
    expect(futureTimestampReason(NOW + HOUR + 1, NOW, HOUR)).toBe(
      'timestamp 2026-11-26T15:00:00.001Z is 60 min ahead of the aggregator clock (limit 3600 s)',
    );
    expect(futureTimestampReason(NOW + 90_000, NOW, 60_000)).toMatch(/is 90 s ahead of the aggregator clock \(limit 60 s\)$/);
  });

  it('is off with a limit of 0', () => {
    expect(futureTimestampReason(NOW + 365 * DAY, NOW, 0)).toBeNull();
  });
});

describe('formatAhead', () => {
  it('rounds down to the largest unit that gives at least 2', () => {
    expect([59_999, 119_999, 120_000, 2 * HOUR - 1, 2 * HOUR, 47 * HOUR + 59 * 60_000, 2 * DAY, 400 * DAY].map(formatAhead)).toEqual([
      '59 s',
      '119 s',
      '2 min',
      '119 min',
      '2 h',
      '47 h',
      '2 days',
      '400 days',
    ]);
  });
});
