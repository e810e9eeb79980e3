import { describe, expect, it } from 'vitest';
import { PERFORMANCE_DETECTORS, type PerformanceDetectorPolicy } from '../policy/policy.types';
import { DEFAULT_PERFORMANCE_DETECTORS } from './default-detectors';
import { DetectorBank } from './detector-bank';
import { conceptFlipStream, FLIP_AT } from './simulated-errors.test-util';

// The test stream: 3,000 labelled predictions at a 15 % error rate, then 45 % (seed 8).
// The per-detector delays on it are printed by scripts/simulate-detectors.sim-run.ts.
const stream = conceptFlipStream();

/** Firings of one detector on the stream: how many at or before the flip, and the delay of the first after it. */
function run(policy: PerformanceDetectorPolicy): { early: number; delay: number | null } {
  const firings = new DetectorBank([policy], 'binary').feed(stream);
  const after = firings.find((f) => f.index > FLIP_AT);
  return { early: firings.filter((f) => f.index <= FLIP_AT).length, delay: after ? after.index - FLIP_AT : null };
}

/** Pipeline defaults fire within this many labelled predictions after the flip. */
const DEFAULT_BOUND = 200;
/** River's defaults, each within this many (EDDM, the slowest, fired after 266). */
const RIVER_BOUND = 400;

describe('detectors on the concept-flip stream', () => {
  it.each(DEFAULT_PERFORMANCE_DETECTORS.map((d) => [d.name, d] as const))('pipeline default %s fires within the bound after the flip, not before it', (_name, policy) => {
    const { early, delay } = run(policy);
    expect(early).toBe(0);
    expect(delay).not.toBeNull();
    expect(delay!).toBeLessThanOrEqual(DEFAULT_BOUND);
  });

  it.each([...PERFORMANCE_DETECTORS])('%s with River defaults fires after the flip, not before it', (name) => {
    const { early, delay } = run({ name, params: {}, severity: 'warning' });
    expect(early).toBe(0);
    expect(delay).not.toBeNull();
    expect(delay!).toBeLessThanOrEqual(RIVER_BOUND);
  });

  it('the whole default set raises its first firing soon after the flip and none before', () => {
    const firings = new DetectorBank(DEFAULT_PERFORMANCE_DETECTORS, 'binary').feed(stream);
    expect(firings.length).toBeGreaterThan(0);
    expect(firings[0].index).toBeGreaterThan(FLIP_AT);
    expect(firings[0].index - FLIP_AT).toBeLessThanOrEqual(DEFAULT_BOUND);
    // ADWIN's kept window still holds errors from before the flip, so errorAfter sits between the rates.
    expect(firings[0].errorBefore).toBeLessThan(0.2);
    expect(firings[0].errorAfter - firings[0].errorBefore).toBeGreaterThan(0.05);
  });
});
