import { describe, expect, it } from 'vitest';
import { delays, fixtures, itMatchesRiver, run } from './detector-fixtures.test-util';
import { KSWIN, KSWIN_DEFAULTS, KSWINSnapshot } from './kswin';

// KSWIN's reference window is random, but River draws it with CPython's random.Random(seed); PythonRandom
// reproduces that generator and random.sample exactly, so with the same seed the indices must be equal.
describe('KSWIN', () => {
  itMatchesRiver('KSWIN', (p) => new KSWIN(p), (j) => KSWIN.fromJSON(j as KSWINSnapshot));

  it("has River 0.26's defaults", () => {
    expect(KSWIN_DEFAULTS).toEqual({ alpha: 0.005, windowSize: 100, statSize: 30, seed: null });
  });

  it('detects the abrupt mean shift within 50 events, and not before it', () => {
    const { before, after } = delays(new KSWIN({ seed: 42 }), 'gaussian-abrupt-1');
    expect(before).toEqual([]);
    expect(after[0]).toBeLessThanOrEqual(50);
  });

  it('without a seed still detects the shift and stays quiet on the no-change streams', () => {
    for (const seed of [1, 2, 3]) {
      const { before, after } = delays(new KSWIN(), `gaussian-abrupt-${seed}`);
      expect(before.length).toBeLessThanOrEqual(1);
      expect(after.length).toBeGreaterThan(0);
      expect(run(new KSWIN(), fixtures.streams[`gaussian-none-${seed}`].values).drifts.length).toBeLessThanOrEqual(2);
    }
  });

  it('starts from a warm window', () => {
    const warm = fixtures.streams['gaussian-none-1'].values.slice(0, 100);
    const d = new KSWIN({ seed: 1, window: warm });
    d.update(0);
    expect(d.pValue).toBeGreaterThan(0);
  });

  it('validates its parameters', () => {
    expect(() => new KSWIN({ alpha: 2 })).toThrow(RangeError);
    expect(() => new KSWIN({ windowSize: 10, statSize: 20 })).toThrow(RangeError);
  });
});
