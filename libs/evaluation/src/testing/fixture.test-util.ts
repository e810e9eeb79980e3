import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Baseline, BaselineFeature, FeatureHistogram, WindowAggregate } from '@driftwatch/contracts';

/** One case of fixtures/evaluation.json (scripts/gen_evaluation_fixtures.py). */
export interface FixtureCase {
  name: string;
  kind: 'numeric' | 'categorical' | 'boolean';
  baseline: {
    rowCount: number;
    edges?: number[];
    binCounts?: number[];
    fineEdges?: number[];
    fineCounts?: number[];
    categories?: Record<string, number>;
    count: number;
    missing: number;
    min?: number;
    max?: number;
    mean?: number;
    std?: number;
    median?: number;
  };
  window: {
    count: number;
    missing: number;
    bins?: number[];
    fineBins?: number[];
    categories?: Record<string, number>;
    min?: number;
    max?: number;
    sum?: number;
    sumSq?: number;
    outOfRangeLow?: number;
    outOfRangeHigh?: number;
  };
  expected: Record<string, number | null>;
  rawKs?: { statistic: number; maxFineShare: number };
}

export function fixtureCases(): FixtureCase[] {
  const file = path.join(__dirname, '..', '..', 'fixtures', 'evaluation.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { cases: FixtureCase[] }).cases;
}

export function baselineFeature(c: FixtureCase, overrides: Partial<BaselineFeature> = {}): BaselineFeature {
  const b = c.baseline;
  return {
    name: c.name,
    kind: c.kind,
    edges: b.edges ?? [],
    binCounts: b.binCounts ?? [],
    fineEdges: b.fineEdges ?? [],
    fineCounts: b.fineCounts ?? [],
    categories: b.categories ?? {},
    count: b.count,
    missing: b.missing,
    min: b.min ?? null,
    max: b.max ?? null,
    mean: b.mean ?? null,
    std: b.std ?? null,
    median: b.median ?? null,
    importance: null,
    ...overrides,
  };
}

export function windowHistogram(c: FixtureCase, baselineId = 'b1', overrides: Partial<FeatureHistogram> = {}): FeatureHistogram {
  const w = c.window;
  return {
    feature: c.name,
    baselineId,
    count: w.count,
    missing: w.missing,
    typeErrors: 0,
    bins: w.bins ?? [],
    fineBins: w.fineBins ?? [],
    categories: w.categories ?? {},
    outOfRangeLow: w.outOfRangeLow ?? 0,
    outOfRangeHigh: w.outOfRangeHigh ?? 0,
    min: w.min ?? null,
    max: w.max ?? null,
    sum: w.sum ?? 0,
    sumSq: w.sumSq ?? 0,
    ...overrides,
  };
}

export function makeBaseline(features: BaselineFeature[], rowCount: number, baselineId = 'b1'): Baseline {
  return { modelId: 'credit-risk', modelVersion: '7', baselineId, createdAt: 0, rowCount, source: 'test', features };
}

export const WINDOW_START = Date.UTC(2026, 10, 26, 14, 0);

export function makeWindow(features: FeatureHistogram[], eventCount: number, start = WINDOW_START, sizeMs = 60_000): WindowAggregate {
  return {
    modelId: 'credit-risk',
    modelVersion: '7',
    windowStart: start,
    windowEnd: start + sizeMs,
    eventCount,
    lateCount: 0,
    firstEventTime: start,
    lastEventTime: start + sizeMs - 1,
    closedAt: start + sizeMs + 10_000,
    deltas: 1,
    windowCount: 1,
    features,
  };
}

export function fixtureCase(name: string): FixtureCase {
  const c = fixtureCases().find((x) => x.name === name);
  if (!c) throw new Error(`no fixture case ${name}`);
  return c;
}
