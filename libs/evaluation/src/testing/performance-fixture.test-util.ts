import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { LabelledPrediction, PerformanceMetrics } from '@driftwatch/contracts';
import type { TaskShape } from '../performance/performance.types';

/** One case of fixtures/performance.json (scripts/gen_performance_fixtures.py). */
export interface PerformanceCase {
  name: string;
  rows: LabelledPrediction[];
  shape: TaskShape;
  metrics: PerformanceMetrics;
  intervals: Record<string, { low: number; high: number; auc?: number; variance?: number }>;
}

export interface PerformanceFixture {
  versions: Record<string, string>;
  confidence: number;
  cases: PerformanceCase[];
  wilson: { k: number; n: number; confidence: number; low: number; high: number }[];
  normalQuantile: { p: number; z: number }[];
  delong: { isPositive: boolean[]; scores: number[]; auc: number; variance: number; low: number; high: number }[];
}

export const performanceFixture: PerformanceFixture = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'performance.json'), 'utf8'),
) as PerformanceFixture;

export function performanceCase(name: string): PerformanceCase {
  const c = performanceFixture.cases.find((x) => x.name === name);
  if (!c) throw new Error(`no performance fixture case ${name}`);
  return c;
}

/** Relative 1e-9 (the sums differ in order from numpy's), exact for null. */
export function expectClose(actual: number | null | undefined, expected: number | null, what: string, relative = 1e-9): void {
  if (expected === null) {
    expect(actual ?? null, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected)));
}

let next = 0;
/** A stored prediction with its label, for hand-written cases. */
export function lp(kind: LabelledPrediction['kind'], prediction: number | string | Record<string, number>, label: LabelledPrediction['label']): LabelledPrediction {
  next++;
  return {
    eventId: `r${next}`,
    eventTime: next,
    kind,
    number: kind === 'number' ? (prediction as number) : null,
    class: kind === 'class' ? (prediction as string) : null,
    probabilities: kind === 'probabilities' ? (prediction as Record<string, number>) : {},
    label,
  };
}
