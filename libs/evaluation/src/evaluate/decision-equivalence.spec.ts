import type { BaselineFeature, FeatureHistogram } from '@driftwatch/contracts';
import {
  buildBaseline,
  compareDataset,
  numericHistogram,
  seededRandom,
  type CategoricalColumnData,
  type Correction,
  type CorrectionAlias,
  type DatasetComparison,
  type FeaturePair,
  type NumericColumnData,
  type ThresholdOverride,
} from '@driftwatch/stats';
import type { EvaluationMessage } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';
import { mergePolicy } from '../policy/merge-policy';
import type { StreamingMethod } from '../policy/policy.types';
import { makeBaseline, makeWindow } from '../testing/fixture.test-util';
import { evaluateWindow } from './evaluate-window';

// `driftwatch compare` (compareDataset on raw values) and the evaluator (evaluateWindow on
// histograms) must reach the same verdicts from the same data. The methods here compute the
// same value on both paths (histogram distances on the baseline's bins, chi-square and the
// two-proportion z-test on counts), except KS, whose binned estimate differs from the raw one
// but lands on the same side of the threshold; so what is tested is the decision.

const REF_ROWS = 2000;
const CUR_ROWS = 1500;

/** A feature's rule, as a CLI --threshold and as a policy's features entry. */
type Rule = { method: StreamingMethod; threshold: number };
type Column = { name: string } & (NumericColumnData | CategoricalColumnData);

function numeric(name: string, seed: number, n: number, shift: number): Column {
  const r = seededRandom(seed);
  return { name, kind: 'numeric', rows: n, missing: 0, typeErrors: 0, sorted: Float64Array.from({ length: n }, () => r.normal() + shift).sort() };
}

function categorical(name: string, counts: Record<string, number>): Column {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { name, kind: 'categorical', rows: total, missing: 0, typeErrors: 0, counts: new Map(Object.entries(counts)) };
}

const reference: Column[] = [
  numeric('income', 1, REF_ROWS, 0),
  numeric('age', 2, REF_ROWS, 0),
  numeric('score', 3, REF_ROWS, 0),
  categorical('region', { north: 800, south: 700, east: 500 }),
  categorical('segment', { a: 1000, b: 600, c: 400 }),
  categorical('flag', { true: 600, false: 1400 }),
  categorical('zip', { '10115': 900, '20095': 700, '80331': 400 }),
];
const current: Column[] = [
  numeric('income', 11, CUR_ROWS, 0.25),
  numeric('age', 12, CUR_ROWS, 0),
  numeric('score', 13, CUR_ROWS, 1),
  categorical('region', { north: 560, south: 540, east: 400 }),
  categorical('segment', { a: 735, b: 480, c: 285 }),
  categorical('flag', { true: 490, false: 1010 }),
  categorical('zip', { '10115': 680, '20095': 520, '80331': 300 }),
];

function runCompare(rules: Record<string, Rule>, correction: Correction | CorrectionAlias = 'none'): DatasetComparison {
  const pairs: FeaturePair[] = reference.map((r, i) => ({ name: r.name, reference: r, current: current[i] }));
  const overrides: ThresholdOverride[] = Object.entries(rules).map(([feature, r]) => ({ feature, ...r }));
  return compareDataset(pairs, { referenceRows: REF_ROWS, bins: 10, overrides, correction });
}

function runEvaluate(rules: Record<string, Rule>, correction: Correction): EvaluationMessage {
  const stats = buildBaseline(reference, { bins: 10 });
  const features = stats.features as BaselineFeature[];
  const histograms = features.map((b, i) => windowHistogram(b, current[i]));
  const policy = mergePolicy({ drift: { falseAlarmRate: null }, dataset: { correction }, features: rules });
  return evaluateWindow({ baseline: makeBaseline(features, stats.rowCount), window: makeWindow(histograms, CUR_ROWS), policy, now: 0 });
}

/** What the aggregator would have counted of `column` against the baseline feature `b`. */
function windowHistogram(b: BaselineFeature, column: Column): FeatureHistogram {
  const empty = { feature: b.name, baselineId: 'b1', count: column.rows, missing: 0, typeErrors: 0, outOfRangeLow: 0, outOfRangeHigh: 0, sumSq: 0 };
  if (column.kind === 'categorical') {
    return { ...empty, bins: [], fineBins: [], categories: Object.fromEntries(column.counts), min: null, max: null, sum: 0 };
  }
  const s = column.sorted;
  return {
    ...empty,
    bins: numericHistogram(s, b.edges),
    fineBins: numericHistogram(s, b.fineEdges ?? []),
    categories: {},
    min: s[0],
    max: s[s.length - 1],
    sum: s.reduce((a, v) => a + v, 0),
  };
}

/**
 * Rules on the edge of each comparison: income's PSI exactly at its threshold (a distance at
 * the threshold drifts), segment's chi-square p exactly at it (a p-value other than KS must be
 * below), region's p-value at half its threshold and flag's at 0.4 of it (raw drift that
 * Bonferroni undoes and Benjamini–Hochberg, flag ranking second of four, keeps); zip
 * keeps the default rule (Jensen–Shannon above 1000 baseline rows).
 */
function rules(): Record<string, Rule> {
  const raw = runCompare({}).features;
  /** A distance, or a test's p-value, as the CLI computed it without any rule. */
  const value = (feature: string, metric: string): number => {
    const v = (raw.find((f) => f.name === feature)?.metrics as Record<string, number | { pValue: number }> | undefined)?.[metric];
    if (v === undefined) throw new Error(`no ${metric} for ${feature}`);
    return typeof v === 'number' ? v : v.pValue;
  };
  return {
    income: { method: 'psi', threshold: value('income', 'psi') },
    age: { method: 'hellinger', threshold: 0.1 },
    score: { method: 'ks', threshold: 0.05 },
    region: { method: 'chiSquare', threshold: 2 * value('region', 'chiSquare') },
    segment: { method: 'chiSquare', threshold: value('segment', 'chiSquare') },
    flag: { method: 'twoProportionZ', threshold: 2.5 * value('flag', 'twoProportionZ') },
  };
}

describe('compare and evaluate decide drift alike', () => {
  const policyRules = rules();
  const cli = runCompare(policyRules);
  const evaluator = runEvaluate(policyRules, 'none');

  it('per feature: the same rule, the same value (KS aside) and the same verdict', () => {
    expect(evaluator.features.map((f) => f.name)).toEqual(cli.features.map((f) => f.name));
    expect(evaluator.features.find((f) => f.name === 'flag')?.kind).toBe('boolean');
    cli.features.forEach((c, i) => {
      const e = evaluator.features[i].drift;
      expect({ name: c.name, method: e.method, threshold: e.threshold, detected: e.detected }).toEqual({
        name: c.name,
        method: c.drift.method,
        threshold: c.drift.threshold,
        detected: c.drift.detected,
      });
      if (c.drift.method !== 'ks') expect(e.value, c.name).toBe(c.drift.value);
    });
    expect(cli.features.map((f) => f.drift.detected)).toEqual([true, false, true, true, false, true, false]);
    expect(cli.features.find((f) => f.name === 'zip')?.drift.method).toBe('jensenShannon');
  });

  for (const correction of ['none', 'bonferroni', 'benjamini-hochberg'] as const) {
    it(`dataset drift with correction ${correction}: the same share and verdict`, () => {
      const c = runCompare(policyRules, correction).datasetDrift;
      const e = runEvaluate(policyRules, correction).dataset;
      expect(e).toEqual({ driftShare: c.share, threshold: c.threshold, detected: c.detected });
    });
  }

  it('the correction is the same under its CLI spelling bh, and it matters here', () => {
    const bh = runCompare(policyRules, 'bh');
    expect(bh.features.map((f) => f.drift)).toEqual(runCompare(policyRules, 'benjamini-hochberg').features.map((f) => f.drift));
    expect(runEvaluate(policyRules, 'benjamini-hochberg').dataset).toMatchObject({ detected: true, driftShare: 4 / 7 });
    expect(runEvaluate(policyRules, 'bonferroni').dataset).toMatchObject({ detected: false, driftShare: 2 / 7 });
  });

  it('a correction decides the CLI features again but leaves the evaluator features (and findings) on raw p-values', () => {
    const corrected = runCompare(policyRules, 'bonferroni');
    const judged = runEvaluate(policyRules, 'bonferroni');
    expect(corrected.features.map((f) => f.drift.detected)).toEqual([true, false, true, false, false, false, false]);
    expect(judged.features.map((f) => f.drift.detected)).toEqual(cli.features.map((f) => f.drift.detected));
    expect(judged.findings.filter((f) => f.kind === 'data_drift').map((f) => f.feature)).toEqual(['income', 'score', 'region', 'flag']);
  });
});
