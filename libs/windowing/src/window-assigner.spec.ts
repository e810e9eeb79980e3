import { describe, expect, it } from 'vitest';
import { assignWindow } from './window-assigner';

describe('assignWindow', () => {
  it('aligns windows to the epoch with an inclusive start and exclusive end', () => {
    expect(assignWindow(0, 60_000)).toEqual({ start: 0, end: 60_000 });
    expect(assignWindow(59_999, 60_000)).toEqual({ start: 0, end: 60_000 });
    expect(assignWindow(60_000, 60_000)).toEqual({ start: 60_000, end: 120_000 });
    expect(assignWindow(Date.UTC(2026, 10, 26, 14, 0, 30, 123), 60_000).start).toBe(Date.UTC(2026, 10, 26, 14, 0, 0));
  });

  it('handles event times before 1970', () => {
    expect(assignWindow(-1, 60_000)).toEqual({ start: -60_000, end: 0 });
  });

  it('rejects a non-finite time or a bad size', () => {
    expect(() => assignWindow(Number.NaN, 60_000)).toThrow(/event time/);
    expect(() => assignWindow(0, 0)).toThrow(/window size/);
  });
});
