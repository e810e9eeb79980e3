import { describe, expect, it } from 'vitest';
import { ADWIN, ADWIN_DEFAULTS, ADWINSnapshot } from './adwin';
import { delays, itMatchesRiver } from './detector-fixtures.test-util';

describe('ADWIN', () => {
  itMatchesRiver('ADWIN', (p) => new ADWIN(p), (j) => ADWIN.fromJSON(j as ADWINSnapshot));

  it("has River 0.26's defaults", () => {
    expect(ADWIN_DEFAULTS).toEqual({ delta: 0.002, clock: 32, maxBuckets: 5, minWindowLength: 5, gracePeriod: 10 });
  });

  it('detects the abrupt mean shift within two clock ticks, and not before it', () => {
    const { before, after } = delays(new ADWIN(), 'gaussian-abrupt-1');
    expect(before).toEqual([]);
    expect(after[0]).toBeLessThanOrEqual(64);
  });

  it('keeps the window mean and width of a constant stream', () => {
    const d = new ADWIN();
    for (let i = 0; i < 1000; i++) d.update(3);
    expect(d.width).toBe(1000);
    expect(d.estimation).toBe(3);
    expect(d.driftDetected).toBe(false);
  });

  it('starts a new window on the update after a detection', () => {
    const d = new ADWIN({ clock: 1 });
    let i = 0;
    for (; i < 200; i++) d.update(0);
    while (!d.driftDetected) d.update(10);
    expect(d.width).toBeGreaterThan(0);
    d.update(10);
    expect(d.width).toBe(1);
  });
});
