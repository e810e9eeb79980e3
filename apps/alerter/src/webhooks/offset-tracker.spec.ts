import { describe, expect, it } from 'vitest';
import { OffsetTracker } from './offset-tracker';

describe('OffsetTracker', () => {
  it('never lets the committable offset pass a delivery still pending, however the later ones finish', () => {
    const t = new OffsetTracker(1);
    t.add('10', 2);
    t.add('11', 1);
    t.add('12', 0);
    expect(t.doneThrough()).toBeUndefined();
    t.complete('11');
    t.complete('10');
    expect(t.doneThrough()).toBeUndefined();
    t.complete('10');
    expect(t.doneThrough()).toBe('12');
    expect(t.pending).toBe(0);
  });

  it('is done at once through offsets without deliveries, ignores offsets already seen and extra completions', () => {
    const t = new OffsetTracker(3);
    t.add('5', 0);
    t.add('6', 1);
    t.add('6', 0);
    t.add('4', 0);
    t.add('9', 0);
    expect(t.doneThrough()).toBe('5');
    t.complete('6');
    t.complete('6');
    t.complete('7');
    expect(t.doneThrough()).toBe('9');
    t.add('9', 0);
    expect(t.doneThrough()).toBe('9');
  });
});
