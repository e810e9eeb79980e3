import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { ClassificationPair, RegressionPair } from './pairs';

/** Shapes of libs/stats/fixtures/performance.json, written by libs/stats/scripts/gen_performance_fixtures.py (sklearn). */
export interface ClassificationExpected {
  count: number;
  accuracy: number;
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  macro: { precision: number; recall: number; f1: number };
  rocAuc: number | null;
  perClassRocAuc?: Record<string, number | null>;
  averagePrecision: number | null;
  perClassAveragePrecision?: Record<string, number | null>;
  logLoss: number;
  brier: number | null;
  ece: number;
}

export interface ClassificationCase {
  name: string;
  kind: 'binary' | 'multiclass';
  classes: string[];
  positiveClass?: string;
  bins: number;
  pairs: ClassificationPair[];
  expected: ClassificationExpected;
}

export interface RegressionCase {
  name: string;
  pairs: RegressionPair[];
  expected: {
    count: number;
    mae: number;
    rmse: number;
    mape: number;
    r2: number | null;
    absoluteErrorQuantiles: Record<'0.5' | '0.9' | '0.99', number>;
  };
}

interface Fixture {
  sklearn: string;
  numpy: string;
  binary: ClassificationCase[];
  multiclass: ClassificationCase[];
  regression: RegressionCase[];
}

export const performanceFixture = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../fixtures/performance.json'), 'utf8'),
) as Fixture;

/** Agreement promised with sklearn: 1e-12 relative (0 expected means exactly 0). */
export const PERFORMANCE_REL = 1e-12;

/** null must match null; numbers agree to `rel` relative. */
export function expectMetric(actual: number | null | undefined, expected: number | null, label: string, rel = PERFORMANCE_REL): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(typeof actual, `${label}: got ${actual}`).toBe('number');
  const error = Math.abs((actual as number) - expected);
  const tolerance = rel * Math.abs(expected);
  expect(error <= tolerance, `${label}: got ${actual}, expected ${expected} (relative error ${error / Math.abs(expected)})`).toBe(true);
}

/** The binary cases as the low-level functions take them. */
export function binaryArrays(c: ClassificationCase): { isPositive: Uint8Array; scores: Float64Array } {
  return {
    isPositive: Uint8Array.from(c.pairs, (p) => (p.actual === c.positiveClass ? 1 : 0)),
    scores: Float64Array.from(c.pairs, (p) => p.score as number),
  };
}
