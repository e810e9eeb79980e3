// Loads libs/stats/fixtures/detectors.json (written by scripts/gen_detector_fixtures.py from River) and
// runs a detector over its streams the way the script runs River's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { DetectorKind, DriftDetector } from './drift-detector';

export interface FixtureStream {
  kind: 'gaussian' | 'bernoulli';
  change: number | null;
  /** Every shift of the "switching" streams (change is the first). */
  changes?: number[];
  values: number[];
}

export interface FixtureCase {
  detector: DetectorKind;
  /** River's keyword arguments (snake_case). */
  params: Record<string, number | string | boolean>;
  stream: string;
  drifts: number[];
  warnings?: number[];
}

export interface DetectorFixtures {
  river: string;
  n: number;
  change: number;
  streams: Record<string, FixtureStream>;
  cases: FixtureCase[];
}

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'detectors.json');

export const fixtures: DetectorFixtures = JSON.parse(readFileSync(FIXTURE, 'utf8'));

/** River's keyword arguments as this library's option names (two_sided_test -> twoSidedTest). */
export function camelParams(params: Record<string, number | string | boolean>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]),
  );
}

export interface Detections {
  drifts: number[];
  warnings: number[];
}

/** Feeds `values` from index `from`, recording the indices after which the flags were set. */
export function run(detector: DriftDetector, values: readonly number[], from = 0, to = values.length): Detections {
  const out: Detections = { drifts: [], warnings: [] };
  for (let i = from; i < to; i++) {
    detector.update(values[i]);
    if (detector.driftDetected) out.drifts.push(i);
    if ('warningDetected' in detector && detector.warningDetected) out.warnings.push(i);
  }
  return out;
}

export function casesFor(kind: DetectorKind): FixtureCase[] {
  const cases = fixtures.cases.filter((c) => c.detector === kind);
  if (cases.length === 0) throw new Error(`no fixture cases for ${kind}`);
  return cases;
}

const label = (c: FixtureCase): string => `${JSON.stringify(c.params)} on ${c.stream}`;

/**
 * The shared checks of every detector spec: River's exact drift (and warning) indices on every fixture
 * stream, and the same indices when the detector is serialised to JSON and restored halfway.
 */
export function itMatchesRiver(
  kind: DetectorKind,
  make: (params: Record<string, unknown>) => DriftDetector,
  restore: (json: unknown) => DriftDetector,
): void {
  const cases = casesFor(kind);
  it.each(cases.map((c) => [label(c), c] as const))('matches River %s', (_, c) => {
    const got = run(make(camelParams(c.params)), fixtures.streams[c.stream].values);
    expect(got.drifts).toEqual(c.drifts);
    if (c.warnings) expect(got.warnings).toEqual(c.warnings);
  });

  it('resumes from toJSON()/fromJSON() with identical detections', () => {
    for (const c of cases) {
      const values = fixtures.streams[c.stream].values;
      // Cut right after the first detection when there is one, so the pending reset is carried over too.
      const cut = c.drifts.length > 0 ? c.drifts[0] + 1 : Math.floor(values.length / 2);
      const first = make(camelParams(c.params));
      const a = run(first, values, 0, cut);
      const resumed = restore(JSON.parse(JSON.stringify(first)));
      const b = run(resumed, values, cut);
      expect([...a.drifts, ...b.drifts], label(c)).toEqual(c.drifts);
      if (c.warnings) expect([...a.warnings, ...b.warnings], label(c)).toEqual(c.warnings);
    }
  });
}

/** Detections of a fresh detector on a fixture stream, relative to the stream's change point. */
export function delays(detector: DriftDetector, stream: string): { before: number[]; after: number[] } {
  const s = fixtures.streams[stream];
  if (s.change === null) throw new Error(`${stream} has no change point`);
  const change = s.change;
  const { drifts } = run(detector, s.values);
  return { before: drifts.filter((i) => i < change), after: drifts.filter((i) => i >= change).map((i) => i - change) };
}
