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

  // Beyond the fixture seeds: the detection delay and the false-alarm rate over many sampler seeds. With
  // alpha = 0.005 and a test at every event, a no-change stream does raise false alarms (River's as well),
  // about 0.6 per 1000 events on these streams; the bound leaves room for that and no more.
  it('over 20 sampler seeds, detects every abrupt shift within 30 events and rarely fires without change', () => {
    let falseAlarms = 0;
    let events = 0;
    for (let seed = 100; seed < 120; seed++) {
      for (const s of [1, 2, 3]) {
        const { after } = delays(new KSWIN({ seed }), `gaussian-abrupt-${s}`);
        expect(after[0], `seed ${seed}, stream ${s}`).toBeLessThanOrEqual(30);
        const none = fixtures.streams[`gaussian-none-${s}`].values;
        falseAlarms += run(new KSWIN({ seed }), none).drifts.length;
        events += none.length;
      }
    }
    expect(falseAlarms / events).toBeLessThan(1 / 1000);
  });

  it('without a seed draws a fresh one per detector, like random.Random(None)', () => {
    expect(new KSWIN().toJSON().state.rng).not.toEqual(new KSWIN().toJSON().state.rng);
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
