import { describe, expect, it } from 'vitest';
import { bucketOf, windowReady } from './performance-readiness';

const END = 1_000_000;
const WAIT_S = 60;
const window = (predicted: number, labelled: number, lastInsertedAt = END, closed = true) => ({ windowEnd: END, predicted, labelled, lastInsertedAt, closed });

describe('windowReady', () => {
  it('is never ready while the aggregator has not closed the window (its predictions are still coming)', () => {
    expect(windowReady(window(10, 10, END, false), END + WAIT_S * 1000, END + WAIT_S * 1000, WAIT_S)).toBe(false);
    expect(windowReady(window(10, 10, END, true), END + WAIT_S * 1000, END + WAIT_S * 1000, WAIT_S)).toBe(true);
  });

  it('is ready when every prediction is labelled, whatever the clocks', () => {
    expect(windowReady(window(10, 10), null, END, WAIT_S)).toBe(true);
    expect(windowReady(window(10, 9), null, END, WAIT_S)).toBe(false);
    expect(windowReady(window(0, 0), null, END, WAIT_S)).toBe(false);
  });

  it('is ready once the model labels are labelWaitSeconds past the window end', () => {
    expect(windowReady(window(10, 3), END + WAIT_S * 1000 - 1, END, WAIT_S)).toBe(false);
    expect(windowReady(window(10, 3), END + WAIT_S * 1000, END, WAIT_S)).toBe(true);
  });

  it('is ready labelWaitSeconds of wall clock after its last prediction was stored', () => {
    expect(windowReady(window(10, 0, 5_000), null, 5_000 + WAIT_S * 1000 - 1, WAIT_S)).toBe(false);
    expect(windowReady(window(10, 0, 5_000), null, 5_000 + WAIT_S * 1000, WAIT_S)).toBe(true);
  });
});

describe('bucketOf', () => {
  it('aligns on the epoch', () => {
    expect(bucketOf(3_600_000 * 5 + 120_000, 3_600_000)).toEqual({ start: 3_600_000 * 5, end: 3_600_000 * 6 });
    expect(bucketOf(3_600_000 * 5, 3_600_000)).toEqual({ start: 3_600_000 * 5, end: 3_600_000 * 6 });
  });
});
