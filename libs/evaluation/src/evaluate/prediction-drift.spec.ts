import type { BaselineFeature, EvaluationMessage, FeatureHistogram, Finding } from '@driftwatch/contracts';
import { PREDICTION_FEATURE } from '@driftwatch/stats';
import { describe, expect, it } from 'vitest';
import { mergePolicy } from '../policy/merge-policy';
import type { PolicyOverrides } from '../policy/policy.types';
import { baselineFeature, fixtureCase, makeBaseline, makeWindow, windowHistogram, type FixtureCase } from '../testing/fixture.test-util';
import { evaluateWindow } from './evaluate-window';

const NOW = Date.UTC(2026, 10, 26, 14, 2);
const EVENTS = 1500;

/** A fixture case (scripts/gen_evaluation_fixtures.py, numpy/scipy) as feature `name`. */
function side(c: FixtureCase, name: string, importance: number | null = null, window: Partial<FeatureHistogram> = {}): [BaselineFeature, FeatureHistogram] {
  return [baselineFeature(c, { name, importance }), { ...windowHistogram(c), feature: name, ...window }];
}

function run(features: Array<[BaselineFeature, FeatureHistogram]>, policy?: PolicyOverrides, events = EVENTS): EvaluationMessage {
  const baseline = makeBaseline(features.map(([b]) => b), 5000);
  return evaluateWindow({ baseline, window: makeWindow(features.map(([, h]) => h), events), policy: mergePolicy(policy), now: NOW });
}

const kinds = (m: EvaluationMessage) => m.findings.map((f) => [f.kind, f.feature]);
const predictionDrift = (m: EvaluationMessage): Finding => {
  const found = m.findings.filter((f) => f.kind === 'prediction_drift');
  expect(found, JSON.stringify(kinds(m))).toHaveLength(1);
  return found[0];
};

const clean = fixtureCase('prediction-clean-1500');
const nudged = fixtureCase('prediction-nudged-1500');
const moved = fixtureCase('prediction-moved-1500');
const classes = fixtureCase('prediction-classes-1500');
const featureClean = fixtureCase('clean-1500');

describe('evaluateWindow: prediction drift', () => {
  it('raises prediction_drift (feature null, evidence naming @prediction) when the score distribution moved, critical above the critical level', () => {
    const m = run([side(featureClean, 'income'), side(moved, PREDICTION_FEATURE)]);
    const f = predictionDrift(m);
    expect(f).toMatchObject({ feature: null, severity: 'critical', metric: 'wasserstein', threshold: 0.1 });
    expect(f.value).toBeCloseTo(moved.expected.wasserstein as number, 9);
    expect(f.message).toMatch(/^prediction \(@prediction\): wasserstein 0\.968\d* ≥ 0\.1 \(critical\); most moved: .+, [\d.]+% → [\d.]+%$/);
    expect(f.details).toMatchObject({ impactFactors: { importance: 1 }, explanation: { method: 'wasserstein', additive: true } });
    expect(f.details).toMatchObject({ feature: PREDICTION_FEATURE, kind: 'numeric', critical: 0.25 });
    expect(f.baseline).toMatchObject({ count: moved.baseline.count, mean: moved.baseline.mean });
    expect(f.current).toMatchObject({ count: EVENTS });
    // No data_drift for it, and it is no input feature: the dataset share counts income only.
    expect(m.findings.filter((x) => x.kind === 'data_drift')).toEqual([]);
    expect(m.dataset).toMatchObject({ driftShare: 0, detected: false });
    // Reported like a feature (metrics, gauges), with the same metrics as a numeric one.
    const p = m.features.find((x) => x.name === PREDICTION_FEATURE);
    expect(p?.drift).toMatchObject({ detected: true, method: 'wasserstein', severity: 'critical' });
    expect(p?.metrics.jensenShannon).toBeCloseTo(moved.expected.jensenShannon as number, 9);
    expect(p?.metrics.psi).toBeCloseTo(moved.expected.psi as number, 9);
  });

  it('is a warning between the threshold and the critical level, and nothing on a clean window', () => {
    const warning = predictionDrift(run([side(featureClean, 'income'), side(nudged, PREDICTION_FEATURE)]));
    expect(warning.severity).toBe('warning');
    expect(warning.value).toBeCloseTo(nudged.expected.wasserstein as number, 9);
    expect(run([side(featureClean, 'income'), side(clean, PREDICTION_FEATURE)]).findings).toEqual([]);
  });

  it('keeps its severity from its levels, whatever the features importance', () => {
    // With importance known, a drifted minor feature is at most a warning; the prediction is no feature.
    const m = run([side(featureClean, 'income', 1), side(moved, PREDICTION_FEATURE)]);
    expect(predictionDrift(m).severity).toBe('critical');
    expect(m.features.find((x) => x.name === 'income')?.importance).toBe(1);
    expect(m.features.find((x) => x.name === PREDICTION_FEATURE)?.importance).toBe(0);
  });

  it('judges class predictions by the categorical rule (Jensen–Shannon)', () => {
    const f = predictionDrift(run([side(featureClean, 'income'), side(classes, PREDICTION_FEATURE)]));
    expect(f).toMatchObject({ metric: 'jensenShannon', feature: null, severity: 'warning' });
    expect(f.value).toBeCloseTo(classes.expected.jensenShannon as number, 9);
    expect(f.current?.topCategories).toEqual({ approve: 700 / 1500, reject: 650 / 1500, review: 150 / 1500 });
  });

  it('applies policy features["@prediction"]: method, thresholds and ignore', () => {
    const ks = predictionDrift(run([side(nudged, PREDICTION_FEATURE)], { features: { [PREDICTION_FEATURE]: { method: 'ks', threshold: 0.01 } } }));
    expect(ks).toMatchObject({ metric: 'ksPValue', threshold: 0.01 });
    expect(ks.value).toBeCloseTo(nudged.expected.ksPValue as number, 6);
    const raised = run([side(nudged, PREDICTION_FEATURE)], { features: { [PREDICTION_FEATURE]: { method: 'wasserstein', threshold: 0.2 } } });
    expect(raised.findings).toEqual([]);
    const ignored = run([side(moved, PREDICTION_FEATURE)], { features: { [PREDICTION_FEATURE]: { ignore: true } } });
    expect(ignored.findings).toEqual([]);
    expect(ignored.features).toEqual([]);
  });

  it('is calibrated like a feature: on 900 predictions a moved distribution is beyond a clean window’s noise, a clean one is not', () => {
    // (The retired drift.minEvents left any window under 1000 predictions undecided.)
    const m = run([side(moved, PREDICTION_FEATURE, null, { count: 900, missing: 600 })]);
    expect(m.findings.filter((f) => f.kind === 'prediction_drift')).toHaveLength(1);
    const clean = run([side(fixtureCase('prediction-clean-1500'), PREDICTION_FEATURE, null, { count: 900, missing: 600 })]);
    expect(clean.findings.filter((f) => f.kind === 'prediction_drift')).toEqual([]);
  });

  it('raises no missing_feature nor schema finding when predictions are missing, absent or never sent', () => {
    const allMissing = run([side(featureClean, 'income'), side(moved, PREDICTION_FEATURE, null, { count: 0, missing: EVENTS, bins: [], fineBins: [], min: null, max: null, sum: 0, sumSq: 0 })]);
    expect(allMissing.findings).toEqual([]);
    expect(allMissing.schema).toEqual({ unknown: [], vanished: [] });
    // A window with no prediction row at all (binned against a baseline without one).
    const baseline = makeBaseline([baselineFeature(featureClean, { name: 'income' }), baselineFeature(moved, { name: PREDICTION_FEATURE })], 5000);
    const noRow = evaluateWindow({ baseline, window: makeWindow([{ ...windowHistogram(featureClean), feature: 'income' }], EVENTS), policy: mergePolicy(undefined), now: NOW });
    expect(noRow.findings).toEqual([]);
    expect(noRow.schema).toEqual({ unknown: [], vanished: [] });
  });

  it('stays out of the dataset drift share: a drifted prediction and a drifted feature of two are 50 %, not 2 of 3', () => {
    const shifted = fixtureCase('shifted-1500');
    const m = run([side(shifted, 'a'), side(featureClean, 'b'), side(moved, PREDICTION_FEATURE)]);
    expect(m.dataset).toMatchObject({ driftShare: 0.5, detected: true });
    const dataset = m.findings.find((f) => f.kind === 'dataset_drift');
    expect(dataset?.details).toMatchObject({ drifted: ['a'], judged: 2 });
    expect(kinds(m)).toEqual(expect.arrayContaining([['data_drift', 'a'], ['prediction_drift', null], ['dataset_drift', null]]));
  });
});
