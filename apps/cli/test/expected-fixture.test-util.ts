import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

export const FIXTURES = path.join(__dirname, 'fixtures');

interface TestValue {
  statistic: number | null;
  pValue: number | null;
}

export interface ExpectedFeature {
  name: string;
  kind: 'numeric' | 'categorical';
  missing: { reference: number; current: number };
  typeErrors: { reference: number; current: number };
  outOfRange?: number | null;
  newCategories?: Record<string, number>;
  metrics: Record<string, number | TestValue | null> | null;
}

export interface ExpectedDecision {
  method: string;
  value: number | null;
  threshold: number;
  detected: boolean;
  unadjustedPValue?: number;
}

export interface ExpectedDataset {
  rows: { reference: number; current: number };
  features: ExpectedFeature[];
  decisions: Record<'none' | 'bonferroni' | 'bh', { drift: ExpectedDecision[]; datasetDrift: { detected: boolean; share: number; threshold: number } }>;
}

/** numpy/scipy reference values written by fixtures/gen_cli_fixtures.py. */
export const expected: { datasets: Record<'small' | 'large', ExpectedDataset> } = JSON.parse(
  readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8'),
);

/** Distances and statistics: 1e-9 relative (1e-12 absolute around 0). */
export function expectValue(actual: unknown, wanted: number | null, label: string): void {
  if (wanted === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(typeof actual, label).toBe('number');
  expect(Math.abs((actual as number) - wanted), label).toBeLessThanOrEqual(Math.max(1e-9 * Math.abs(wanted), 1e-12));
}

/**
 * p-values: 1e-6 relative or 1e-15 absolute. Cramér–von Mises far-tail p-values are 1 − cdf in
 * scipy, good only to a few 1e-15 absolute: those compare at 5e-15 (as in libs/stats).
 */
export function expectPValue(actual: unknown, wanted: number | null, label: string, abs = 1e-15): void {
  if (wanted === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(typeof actual, label).toBe('number');
  expect(Math.abs((actual as number) - wanted), label).toBeLessThanOrEqual(Math.max(1e-6 * Math.abs(wanted), abs));
}

/** Checks one feature of the CLI's JSON against the reference values. */
export function expectFeature(actual: Record<string, unknown>, wanted: ExpectedFeature): void {
  const at = wanted.name;
  expect(actual.name).toBe(wanted.name);
  expect(actual.kind, `${at} kind`).toBe(wanted.kind);
  expectValue((actual.missing as { reference: number }).reference, wanted.missing.reference, `${at} missing.reference`);
  expectValue((actual.missing as { current: number }).current, wanted.missing.current, `${at} missing.current`);
  expect(actual.typeErrors, `${at} typeErrors`).toEqual(wanted.typeErrors);
  if (wanted.kind === 'numeric') expectValue(actual.outOfRange, wanted.outOfRange ?? null, `${at} outOfRange`);
  else expect(actual.newCategories, `${at} newCategories`).toEqual(wanted.newCategories);
  if (wanted.metrics === null) {
    expect(actual.metrics, `${at} metrics`).toBeNull();
    return;
  }
  const metrics = actual.metrics as Record<string, unknown>;
  expect(Object.keys(metrics).sort(), `${at} metric names`).toEqual(Object.keys(wanted.metrics).sort());
  for (const [name, value] of Object.entries(wanted.metrics)) {
    if (value === null || typeof value === 'number') {
      expectValue(metrics[name], value, `${at} ${name}`);
    } else {
      const got = metrics[name] as TestValue | null;
      expect(got, `${at} ${name}`).not.toBeNull();
      expectValue(got?.statistic ?? null, value.statistic, `${at} ${name}.statistic`);
      expectPValue(got?.pValue ?? null, value.pValue, `${at} ${name}.pValue`, name === 'cramerVonMises' ? 5e-15 : 1e-15);
    }
  }
}

/** Checks the drift decisions and the dataset verdict. */
export function expectDecisions(actual: { features: { drift: Record<string, unknown> }[]; datasetDrift: Record<string, unknown> }, wanted: ExpectedDataset['decisions']['none']): void {
  wanted.drift.forEach((d, i) => {
    const got = actual.features[i].drift;
    expect(got.method, `feature ${i} method`).toBe(d.method);
    expect(got.threshold, `feature ${i} threshold`).toBe(d.threshold);
    expect(got.detected, `feature ${i} detected`).toBe(d.detected);
    if (d.method === 'ks' || d.method === 'chiSquare') expectPValue(got.value, d.value, `feature ${i} value`);
    else expectValue(got.value, d.value, `feature ${i} value`);
    if (d.unadjustedPValue !== undefined) expectPValue(got.unadjustedPValue, d.unadjustedPValue, `feature ${i} unadjusted`);
  });
  expect(actual.datasetDrift.detected).toBe(wanted.datasetDrift.detected);
  expectValue(actual.datasetDrift.share, wanted.datasetDrift.share, 'dataset share');
  expect(actual.datasetDrift.threshold).toBe(wanted.datasetDrift.threshold);
}
