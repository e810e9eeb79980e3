import type { BaselineFeature, EvaluationMessage, FeatureHistogram, Finding } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';
import { mergePolicy } from '../policy/merge-policy';
import type { PolicyOverrides } from '../policy/policy.types';
import { WINDOW_START, baselineFeature, fixtureCase, makeBaseline, makeWindow, windowHistogram, type FixtureCase } from '../testing/fixture.test-util';
import { seededRandom } from '@driftwatch/stats';
import { evaluateWindow } from './evaluate-window';

const NOW = Date.UTC(2026, 10, 26, 14, 2);

function run(features: Array<[BaselineFeature, FeatureHistogram | null]>, opts: { rows?: number; events?: number; policy?: PolicyOverrides; extra?: FeatureHistogram[] } = {}): EvaluationMessage {
  const baseline = makeBaseline(features.map(([b]) => b), opts.rows ?? 5000);
  const hists = [...features.map(([, h]) => h).filter((h): h is FeatureHistogram => h !== null), ...(opts.extra ?? [])];
  const events = opts.events ?? Math.max(...hists.map((h) => h.count + h.missing + h.typeErrors), 0);
  return evaluateWindow({ baseline, window: makeWindow(hists, events), policy: mergePolicy(opts.policy), now: NOW });
}

/** A fixture feature under another name (and importance), with its window histogram. */
function feature(c: FixtureCase, name = c.name, importance: number | null = null, window: Partial<FeatureHistogram> = {}): [BaselineFeature, FeatureHistogram] {
  return [baselineFeature(c, { name, importance }), { ...windowHistogram(c), feature: name, ...window }];
}

/** A numeric feature the window matches exactly: no drift, nothing out of range. */
function quiet(name: string, importance: number | null = null, window: Partial<FeatureHistogram> = {}): [BaselineFeature, FeatureHistogram] {
  const b: BaselineFeature = {
    name,
    kind: 'numeric',
    edges: [10, 20, 30],
    binCounts: [250, 250, 250, 250],
    categories: {},
    count: 1000,
    missing: 0,
    min: 0,
    max: 40,
    mean: 20,
    std: 11.5,
    median: 20,
    importance,
  };
  const h: FeatureHistogram = {
    feature: name,
    baselineId: 'b1',
    count: 200,
    missing: 0,
    typeErrors: 0,
    bins: [50, 50, 50, 50],
    fineBins: [],
    categories: {},
    outOfRangeLow: 0,
    outOfRangeHigh: 0,
    min: 0.5,
    max: 39.5,
    sum: 4000,
    sumSq: 0,
    ...window,
  };
  return [b, h];
}

const only = (m: EvaluationMessage, kind: Finding['kind'], feature: string | null) => {
  const found = m.findings.filter((f) => f.kind === kind && f.feature === feature);
  expect(found, `${kind}/${feature} findings: ${JSON.stringify(m.findings.map((f) => [f.kind, f.feature]))}`).toHaveLength(1);
  return found[0];
};
const none = (m: EvaluationMessage, kind: Finding['kind'], feature: string | null) =>
  expect(m.findings.filter((f) => f.kind === kind && f.feature === feature)).toEqual([]);

const shifted = fixtureCase('shifted');
const stable = fixtureCase('stable');
/**
 * Tests of how a value meets its threshold (and of severities, corrections, importance) turn
 * the calibration off: the thresholds alone decide, as in `driftwatch compare`. They used to
 * lower the retired drift.minEvents to 0 for the same purpose; the calibrated decision itself
 * is tested in "window size and the calibrated decision" below.
 */
const ANY_SIZE = { falseAlarmRate: null } as const;

describe('evaluateWindow: data drift', () => {
  it('decides a moved numeric feature by the default rule (Wasserstein ≥ 0.1 above 1000 baseline rows)', () => {
    const m = run([feature(shifted)], { policy: { drift: ANY_SIZE } });
    const f = only(m, 'data_drift', 'shifted');
    expect(f.metric).toBe('wasserstein');
    expect(f.value).toBeCloseTo(shifted.expected.wasserstein as number, 9);
    expect(f.threshold).toBe(0.1);
    // 0.51 ≥ 2.5 × 0.1: critical without any importance information.
    expect(f.severity).toBe('critical');
    expect(f.baseline).toMatchObject({ count: 5000, missingRate: 0, min: shifted.baseline.min, mean: shifted.baseline.mean });
    expect(f.current?.count).toBe(500);
    expect(f.current?.mean).toBeCloseTo((shifted.window.sum as number) / 500, 9);
    expect(f.message).toBe('shifted: wasserstein 0.511 ≥ 0.1 (critical); most moved: ≥ 62.7, 10% → 20.8%');
    expect(m.features[0].drift).toMatchObject({ detected: true, method: 'wasserstein', threshold: 0.1, severity: 'critical' });
  });

  it('uses KS p-values for a baseline of at most 1000 rows', () => {
    const c = fixtureCase('small-baseline');
    const m = run([feature(c)], { rows: 800, policy: { drift: ANY_SIZE } });
    const f = only(m, 'data_drift', 'small-baseline');
    expect(f.metric).toBe('ksPValue');
    expect(f.threshold).toBe(0.05);
    expect(f.value).toBeCloseTo(c.expected.ksPValue as number, 12);
    // p = 1.5e-5 ≤ 0.05 / 50: critical.
    expect(f.severity).toBe('critical');
    expect(run([feature(c)], { rows: 1001 }).features[0].drift.method).toBe('wasserstein');
  });

  it('names the judgement by the late events judged: revision 0 at first close, the lateCount after late updates, the same id', () => {
    const c = fixtureCase('shifted');
    const hist = { ...windowHistogram(c), feature: c.name };
    const baseline = makeBaseline([baselineFeature(c)], 5000);
    const window = makeWindow([hist], hist.count + hist.missing + hist.typeErrors);
    const first = evaluateWindow({ baseline, window, policy: mergePolicy({}), now: NOW });
    const late = evaluateWindow({ baseline, window: { ...window, lateCount: 42 }, policy: mergePolicy({}), now: NOW + 60_000 });
    expect(first.revision).toBe(0);
    expect(late.revision).toBe(42);
    expect(late.evaluationId).toBe(first.evaluationId);
    const unjudged = evaluateWindow({ baseline, window: { ...window, eventCount: 3, lateCount: 2 }, policy: mergePolicy({}), now: NOW });
    expect(unjudged).toMatchObject({ judged: false, revision: 2 });
  });

  it('leaves a stable feature alone', () => {
    const m = run([feature(stable)]);
    expect(m.findings).toEqual([]);
    expect(m.features[0].drift.detected).toBe(false);
    expect(m.dataset).toEqual({ driftShare: 0, threshold: 0.5, detected: false });
  });

  it('thresholds at the edge: a distance equal to the threshold is drift, a p-value equal to it only for KS', () => {
    const value = run([feature(shifted)]).features[0].metrics.psi as number;
    const atEdge = (threshold: number, critical?: number) =>
      run([feature(shifted)], { policy: { drift: ANY_SIZE, features: { shifted: { method: 'psi', threshold, ...(critical ? { critical } : {}) } } } }).features[0].drift;
    expect(atEdge(value)).toMatchObject({ detected: true, severity: 'warning' });
    expect(atEdge(value * (1 + 1e-12)).detected).toBe(false);
    expect(atEdge(value / 2, value).severity).toBe('critical');
    expect(atEdge(value / 2, value * (1 + 1e-12)).severity).toBe('warning');

    const c = fixtureCase('small-baseline');
    const p = run([feature(c)], { rows: 800 }).features[0].metrics.ksPValue as number;
    const ks = (threshold: number) => run([feature(c)], { rows: 800, policy: { drift: ANY_SIZE, features: { 'small-baseline': { method: 'ks', threshold } } } });
    expect(ks(p).features[0].drift.detected).toBe(true);
    expect(ks(p * (1 - 1e-9)).features[0].drift.detected).toBe(false);

    const plan = fixtureCase('plan');
    const chiP = run([feature(plan)], { rows: 900 }).features[0].metrics.chiSquarePValue as number;
    const chi = (threshold: number) => run([feature(plan)], { rows: 900, policy: { drift: ANY_SIZE, features: { plan: { method: 'chiSquare', threshold } } } });
    expect(chi(chiP).features[0].drift.detected).toBe(false);
    expect(chi(chiP * (1 + 1e-9)).features[0].drift.detected).toBe(true);
  });

  it('PSI defaults to the usual 0.1 / 0.25 levels', () => {
    const m = run([feature(shifted)], { policy: { drift: { ...ANY_SIZE, numeric: { method: 'psi' } } } });
    // psi 0.232: above 0.1, below 0.25.
    expect(only(m, 'data_drift', 'shifted')).toMatchObject({ metric: 'psi', threshold: 0.1, severity: 'warning' });
    expect(m.features[0].drift.threshold).toBe(0.1);
    expect((only(m, 'data_drift', 'shifted').details as { critical: number }).critical).toBe(0.25);
  });

  it('a drifted top feature is critical, a minor one a warning', () => {
    const policy: PolicyOverrides = { drift: { ...ANY_SIZE, numeric: { method: 'psi' } } };
    const m = run([feature(shifted, 'income', 8), feature(shifted, 'tenure', 0.5), quiet('age', 1.5)], { policy });
    expect(m.features.map((f) => [f.name, f.importance])).toEqual([
      ['income', 0.8],
      ['tenure', 0.05],
      ['age', 0.15],
    ]);
    // Same PSI (a warning by level): raised on the top feature.
    expect(only(m, 'data_drift', 'income').severity).toBe('critical');
    expect(only(m, 'data_drift', 'tenure').severity).toBe('warning');
    // Wasserstein 0.51 is critical by level: capped on the minor feature.
    const w = run([feature(shifted, 'income', 8), feature(shifted, 'tenure', 0.5), quiet('age', 1.5)], { policy: { drift: ANY_SIZE } });
    expect(only(w, 'data_drift', 'tenure').severity).toBe('warning');
    const uncapped = run([feature(shifted, 'income', 8), feature(shifted, 'tenure', 0.5), quiet('age', 1.5)], {
      policy: { drift: ANY_SIZE, importance: { minorMaxSeverity: 'critical' } },
    });
    expect(only(uncapped, 'data_drift', 'tenure').severity).toBe('critical');
  });

  it('lets the policy override the baseline importance and the "top" share', () => {
    const m = run([feature(shifted, 'income', 8), feature(shifted, 'tenure', 0.5), quiet('age', 1.5)], {
      policy: { drift: { ...ANY_SIZE, numeric: { method: 'psi' } }, features: { tenure: { importance: 8 } } },
    });
    expect(only(m, 'data_drift', 'tenure').severity).toBe('critical');
    const strict = run([feature(shifted, 'income', 8), feature(shifted, 'tenure', 0.5), quiet('age', 1.5)], {
      policy: { drift: { ...ANY_SIZE, numeric: { method: 'psi' } }, importance: { critical: 0.9 } },
    });
    expect(only(strict, 'data_drift', 'income').severity).toBe('warning');
  });

  it('judges categorical and boolean features by Jensen–Shannon above 1000 rows, chi-square below', () => {
    const region = fixtureCase('region');
    const large = run([feature(region)], { rows: 2000, policy: { drift: ANY_SIZE } });
    expect(only(large, 'data_drift', 'region')).toMatchObject({ metric: 'jensenShannon', threshold: 0.1, severity: 'warning' });
    const small = run([feature(region)], { rows: 900 });
    // The unseen category "overseas" (50 of 400) weighs in finitely: the two-sample chi-square
    // on the 2 x 5 table, p = scipy.stats.chi2_contingency (the goodness-of-fit test gave p 0).
    const finding = only(small, 'data_drift', 'region');
    expect(finding).toMatchObject({ metric: 'chiSquarePValue', severity: 'critical' });
    expect(finding.value).toBeGreaterThan(0);
    expect((finding.value as number) / (region.expected.chiSquarePValue as number)).toBeCloseTo(1, 9);
    const isNew = fixtureCase('is_new');
    const b = run([feature(isNew)], { rows: 3000, policy: { features: { is_new: { method: 'twoProportionZ' } } } });
    expect(only(b, 'data_drift', 'is_new').metric).toBe('twoProportionZPValue');
    expect(b.features[0].kind).toBe('boolean');
  });
});

describe('evaluateWindow: window size and the calibrated decision', () => {
  const clean300 = fixtureCase('clean-300');
  const clean1500 = fixtureCase('clean-1500');
  const shifted1500 = fixtureCase('shifted-1500');

  it('a clean window of 300 values whose noise crosses 0.1 is not drift: the distance is within a clean window’s noise', () => {
    // The generator picked a clean window whose Wasserstein reaches 0.1 by sampling noise alone.
    expect(clean300.expected.wasserstein).toBeGreaterThanOrEqual(0.1);
    const m = run([feature(clean300)]);
    expect(m.judged).toBe(true);
    expect(m.findings).toEqual([]);
    // Computed and reported all the same.
    expect(m.features[0].drift).toMatchObject({ detected: false, method: 'wasserstein', severity: null });
    expect(m.features[0].drift.value).toBeCloseTo(clean300.expected.wasserstein as number, 9);
    // The threshold alone (what the retired drift.minEvents 0 did) calls this noise drift.
    expect(only(run([feature(clean300)], { policy: { drift: ANY_SIZE } }), 'data_drift', 'clean-300').metric).toBe('wasserstein');
  });

  it('a window of 1500 values moved by half a std is data_drift by the default rule; a clean one is not', () => {
    const m = run([feature(shifted1500)]);
    const f = only(m, 'data_drift', 'shifted-1500');
    expect(f).toMatchObject({ metric: 'wasserstein', threshold: 0.1, severity: 'critical' });
    expect(f.value).toBeCloseTo(shifted1500.expected.wasserstein as number, 9);
    expect(run([feature(clean1500)]).findings).toEqual([]);
  });

  it('a clean uniform 100-category feature at n = 1000 is not drift (the threshold alone says it is); a real shift still is', () => {
    const r = seededRandom(9);
    const categories = Array.from({ length: 100 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const counts = (n: number, draw: () => string) => {
      const out: Record<string, number> = {};
      for (let i = 0; i < n; i++) {
        const c = draw();
        out[c] = (out[c] ?? 0) + 1;
      }
      return out;
    };
    const uniform = () => categories[Math.floor(r.uniform() * 100)];
    const b: BaselineFeature = { ...baselineFeature(fixtureCase('plan'), { name: 'cat100' }), categories: counts(10_000, uniform), count: 10_000, missing: 0 };
    const hist = (cats: Record<string, number>): FeatureHistogram => ({ ...windowHistogram(fixtureCase('plan')), feature: 'cat100', categories: cats, count: 1000, missing: 0 });
    const clean = hist(counts(1000, uniform));
    const decide = (h: FeatureHistogram, drift: PolicyOverrides['drift'] = {}) => run([[b, h]], { rows: 10_000, events: 1000, policy: { drift } }).features[0].drift;
    // Jensen–Shannon ≥ 0.1 from noise alone, as in ~98 % of such windows.
    expect(decide(clean)).toMatchObject({ method: 'jensenShannon', detected: false });
    expect(decide(clean).value).toBeGreaterThanOrEqual(0.1);
    expect(decide(clean, ANY_SIZE).detected).toBe(true);
    // A fifth of the window moved onto ten categories (each now ~3 % instead of 1 %).
    const moved = hist(counts(1000, () => (r.uniform() < 0.2 ? categories[Math.floor(r.uniform() * 10)] : uniform())));
    expect(decide(moved)).toMatchObject({ method: 'jensenShannon', detected: true });
  });

  it('p-values are compared with the α of the policy’s target, and the target sets α', () => {
    const c = fixtureCase('small-baseline');
    const p = run([feature(c)], { rows: 800, policy: { drift: ANY_SIZE } }).features[0].metrics.ksPValue as number;
    // One feature, minute windows, half the target to the windows: α = 0.5 / 43,200 ≈ 1.16e-5 < p ≈ 1.5e-5.
    expect(p).toBeGreaterThan(0.5 / 43_200);
    expect(run([feature(c)], { rows: 800 }).features[0].drift.detected).toBe(false);
    // Ten false incidents a month allowed: α ≈ 1.16e-4 > p.
    expect(run([feature(c)], { rows: 800, policy: { drift: { falseAlarmRate: 10 } } }).features[0].drift.detected).toBe(true);
  });

  it('the dataset share counts every feature with a decision value; the calibration keeps noise out of it', () => {
    const features = [feature(shifted1500, 'a'), feature(clean1500, 'q'), feature(clean300, 'b'), feature(clean300, 'c')];
    const m = run(features, { events: 1500 });
    expect(m.dataset).toEqual({ driftShare: 0.25, threshold: 0.5, detected: false });
    // The threshold alone counts the small windows’ noise as drift.
    expect(run(features, { events: 1500, policy: { drift: ANY_SIZE } }).dataset.driftShare).toBe(0.75);
  });

  it('a rollup bucket is judged by the same rule on its summed counts: the shape that is noise on 1,500 values is drift on 500,000', () => {
    const baseline = makeBaseline([baselineFeature(clean300)], 5000);
    const bucket = (count: number) => {
      const h = windowHistogram(clean300);
      const k = count / h.count;
      return makeWindow([{ ...h, count, bins: h.bins.map((n) => n * k), fineBins: h.fineBins.map((n) => n * k), sum: h.sum * k, sumSq: h.sumSq * k }], count, WINDOW_START, 3_600_000);
    };
    const judge = (count: number) => evaluateWindow({ baseline, window: bucket(count), policy: mergePolicy(null), now: NOW, granularity: 'rollup' });
    expect(judge(1500).findings).toEqual([]);
    expect(only(judge(500_000), 'data_drift', 'clean-300').value).toBeCloseTo(clean300.expected.wasserstein as number, 9);
  });
});

describe('evaluateWindow: data quality', () => {
  it('missing values: an increase above 0.05 is a finding, above 0.2 critical; exactly 0.05 is not', () => {
    const at = (missing: number) => run([quiet('income', null, { count: 200 - missing, missing })], { events: 200 });
    none(at(10), 'missing_feature', 'income');
    expect(only(at(11), 'missing_feature', 'income')).toMatchObject({ severity: 'warning', metric: 'missingRateIncrease', threshold: 0.05 });
    expect(only(at(11), 'missing_feature', 'income').value).toBeCloseTo(0.055, 12);
    expect(only(at(40), 'missing_feature', 'income').severity).toBe('warning');
    expect(only(at(41), 'missing_feature', 'income').severity).toBe('critical');
  });

  it('missing values count from the baseline rate, not from zero', () => {
    const [b, h] = quiet('income', null, { count: 170, missing: 30 });
    const m = run([[{ ...b, count: 900, missing: 100 }, h]], { events: 200 });
    // 15% missing vs 10% in the baseline: +0.05, not above the level.
    none(m, 'missing_feature', 'income');
  });

  it('a missing top feature is critical, a missing minor one a warning', () => {
    const features = (missing: number): Array<[BaselineFeature, FeatureHistogram]> => [
      quiet('income', 6, { count: 200 - missing, missing }),
      quiet('age', 0.5, { count: 200 - missing, missing }),
      quiet('tenure', 3.5),
    ];
    const m = run(features(200), { events: 200 });
    const income = only(m, 'missing_feature', 'income');
    expect(income).toMatchObject({ severity: 'critical', value: 1 });
    expect(income.details).toMatchObject({ vanished: true, missingRate: 1, baselineMissingRate: 0 });
    expect(only(m, 'missing_feature', 'age').severity).toBe('warning');
    expect(m.schema.vanished).toEqual(['income', 'age']);
    // A feature all missing is one incident (missing_feature), not also a schema violation or drift.
    none(m, 'schema_violation', 'income');
    none(m, 'data_drift', 'income');
    expect(m.features[0].metrics).toEqual({});
    // A small increase on the top feature is already critical.
    expect(only(run(features(11), { events: 200 }), 'missing_feature', 'income').severity).toBe('critical');
  });

  it('new categories: share above 0.01 is a finding, above 0.1 critical, with the categories as evidence', () => {
    const region = fixtureCase('region');
    const m = run([feature(region)], { rows: 2000 });
    const f = only(m, 'new_category', 'region');
    expect(f).toMatchObject({ severity: 'critical', metric: 'newCategoryShare', threshold: 0.01 });
    expect(f.value).toBeCloseTo(region.expected.newCategoryShare as number, 12);
    expect(f.details).toEqual({ categories: { overseas: 50 }, unseenCount: 1 });
    expect(f.message).toBe('region: 12.5% of values in 1 unseen category ("overseas") (critical)');
    expect(f.baseline?.topCategories).toEqual({ north: 0.45, south: 0.3, east: 0.2, west: 0.05 });
    // Exactly at the level: not a finding.
    none(run([feature(region)], { rows: 2000, policy: { newCategory: { share: 0.125, critical: 0.5 } } }), 'new_category', 'region');
    expect(only(run([feature(region)], { rows: 2000, policy: { newCategory: { critical: 0.125 } } }), 'new_category', 'region').severity).toBe('warning');
  });

  it('strings in a numeric field: schema_violation, critical above 5% type errors', () => {
    const m = run([quiet('income', null, { count: 170, typeErrors: 30 })], { events: 200 });
    // Valid values still drift-judged on their own; the type errors are the finding.
    const f = only(m, 'schema_violation', 'income');
    expect(f).toMatchObject({ severity: 'critical', metric: 'typeErrorRate', threshold: 0, value: 0.15 });
    expect(f.message).toBe('income: 15% of values are not numbers (critical)');
    expect(m.features[0].typeErrorRate).toBe(0.15);
    const one = run([quiet('income', null, { count: 199, typeErrors: 1 })], { events: 200 });
    expect(only(one, 'schema_violation', 'income').severity).toBe('warning');
    none(run([quiet('income')], { events: 200 }), 'schema_violation', 'income');
  });

  it('passes the value kinds of the type errors on as evidence', () => {
    const [b, h] = quiet('income', null, { count: 190, typeErrors: 10 });
    const m = evaluateWindow({
      baseline: makeBaseline([b], 5000),
      window: makeWindow([h], 200),
      policy: mergePolicy(null),
      now: NOW,
      valueKinds: { income: { string: 10 } },
    });
    expect(only(m, 'schema_violation', 'income').details).toMatchObject({ reason: 'type_errors', kinds: { string: 10 }, expected: 'numeric' });
  });

  it('values 1,000,000 times too large: out_of_range critical by the ratio of means', () => {
    const c = fixtureCase('unit-error');
    const m = run([feature(c, 'income', 0.01), quiet('age', 5)], { policy: { drift: ANY_SIZE } });
    const f = only(m, 'out_of_range', 'income');
    expect(f).toMatchObject({ severity: 'critical', metric: 'meanRatio', threshold: 100 });
    expect(f.value).toBeCloseTo(c.expected.meanRatio as number, 3);
    expect(f.details).toMatchObject({ outOfRangeShare: 1, below: 0, above: 400 });
    expect(f.message).toBe("income: mean 985000× the baseline's, 100% outside [22000, 85600] (a unit error?) (critical)");
    // The distribution moved too; a minor feature, so a warning.
    expect(only(m, 'data_drift', 'income').severity).toBe('warning');
  });

  it('values 1,000,000 times too small: the ratio catches them inside the baseline range', () => {
    const [b, h] = quiet('income', null, { sum: 4000e-6, min: 1e-6, max: 4e-5, bins: [200, 0, 0, 0] });
    const m = run([[b, h]], { events: 200 });
    const f = only(m, 'out_of_range', 'income');
    expect(f).toMatchObject({ severity: 'critical', metric: 'meanRatio', threshold: 0.01 });
    expect(f.value).toBeCloseTo(1e-6, 12);
  });

  it('out of range share: above 0.05 a finding, at 0.05 not, critical above 0.5', () => {
    const at = (high: number) => run([quiet('income', null, { outOfRangeHigh: high })], { events: 200 });
    none(at(10), 'out_of_range', 'income');
    expect(only(at(11), 'out_of_range', 'income')).toMatchObject({ severity: 'warning', metric: 'outOfRangeShare', value: 0.055 });
    expect(only(at(101), 'out_of_range', 'income').severity).toBe('critical');
    // A top feature: critical already at the first level.
    const top = run([quiet('income', 9, { outOfRangeHigh: 11 }), quiet('age', 1)], { events: 200 });
    expect(only(top, 'out_of_range', 'income').severity).toBe('critical');
  });

  it('a feature always missing in training has nothing to compare', () => {
    const [b, h] = quiet('notes');
    const m = run([[{ ...b, binCounts: [0, 0, 0, 0], count: 0, missing: 1000, min: null, max: null, mean: null, std: null, median: null }, h]], { events: 200 });
    expect(m.features[0]).toMatchObject({ metrics: {}, baselineMissingRate: 1, outOfRangeShare: 0 });
    expect(m.features[0].drift).toMatchObject({ detected: false, value: null });
    expect(m.findings).toEqual([]);
  });
});

describe('evaluateWindow: schema, dataset, volume', () => {
  it('unknown features are schema violations named after the feature (warning by default)', () => {
    const extra: FeatureHistogram = { ...quiet('promo_code')[1], count: 50, missing: 150, bins: [], min: null, max: null, sum: 0 };
    const m = run([quiet('income')], { events: 200, extra: [extra] });
    const f = only(m, 'schema_violation', 'promo_code');
    expect(f).toMatchObject({ severity: 'warning', metric: 'unknownFeature', value: 0.25 });
    expect(m.schema.unknown).toEqual(['promo_code']);
    // Ignored by policy: no finding.
    none(run([quiet('income')], { events: 200, extra: [extra], policy: { features: { promo_code: { ignore: true } } } }), 'schema_violation', 'promo_code');
  });

  it('a baseline feature without any row in the window vanished: schema violation, critical by default', () => {
    const [b] = quiet('segment');
    const m = run([quiet('income'), [b, null]], { events: 200 });
    expect(only(m, 'schema_violation', 'segment')).toMatchObject({ severity: 'critical', metric: 'vanishedFeature' });
    expect(m.schema.vanished).toEqual(['segment']);
    expect(m.features.map((f) => f.name)).toEqual(['income']);
  });

  it('ignores histograms binned against another baseline', () => {
    const [b, h] = quiet('income');
    const m = run([[b, { ...h, baselineId: 'old' }]], { events: 200 });
    expect(m.schema.vanished).toEqual(['income']);
  });

  it('dataset drift when at least half of the judged features drifted', () => {
    const half = run([feature(shifted, 'a'), feature(shifted, 'b'), quiet('c'), quiet('d')], { events: 500, policy: { drift: ANY_SIZE } });
    expect(half.dataset).toEqual({ driftShare: 0.5, threshold: 0.5, detected: true });
    expect(only(half, 'dataset_drift', null)).toMatchObject({ severity: 'critical', metric: 'driftShare', value: 0.5, details: { drifted: ['a', 'b'], judged: 4 } });
    const third = run([feature(shifted, 'a'), quiet('c'), quiet('d')], { events: 500, policy: { drift: ANY_SIZE } });
    expect(third.dataset.detected).toBe(false);
    none(third, 'dataset_drift', null);
  });

  it('dataset drift with Bonferroni or Benjamini–Hochberg corrected p-values', () => {
    const c = fixtureCase('small-baseline');
    const p = run([feature(c)], { rows: 800 }).features[0].metrics.ksPValue as number;
    // Raw p ≤ 2p: both drift; Bonferroni (4p) and BH (2 × 2p / 2 = 2p for both, so ≤ 2p) differ.
    const policy = (correction: 'none' | 'bonferroni' | 'benjamini-hochberg'): PolicyOverrides => ({
      drift: { ...ANY_SIZE, numeric: { method: 'ks', threshold: 2 * p } },
      dataset: { correction },
    });
    const four = (correction: 'none' | 'bonferroni' | 'benjamini-hochberg') =>
      run([feature(c, 'a'), feature(c, 'b'), quiet('c'), quiet('d')], { rows: 800, events: 300, policy: policy(correction) });
    expect(four('none').dataset.driftShare).toBe(0.5);
    expect(four('bonferroni').dataset.driftShare).toBe(0);
    expect(four('benjamini-hochberg').dataset.driftShare).toBe(0.5);
    // Per-feature findings keep the raw p-values.
    expect(four('bonferroni').findings.filter((f) => f.kind === 'data_drift')).toHaveLength(2);
  });

  it('below the minimum window size nothing is judged', () => {
    const m = run([feature(shifted)], { events: 99 });
    expect(m).toMatchObject({ judged: false, features: [], findings: [], eventCount: 99 });
    expect(run([feature(shifted)], { events: 100 }).judged).toBe(true);
    expect(run([feature(shifted)], { events: 99, policy: { minWindowEvents: 50 } }).judged).toBe(true);
  });

  it('silence: fewer events than silence.minEvents', () => {
    const empty = run([], { events: 0 });
    expect(empty.judged).toBe(false);
    expect(empty.findings).toEqual([
      { kind: 'silence', feature: null, severity: 'critical', metric: 'eventCount', value: 0, threshold: 1, message: 'no events in the window' },
    ]);
    const few = run([feature(shifted)], { events: 20, policy: { silence: { minEvents: 50, severity: 'warning' } } });
    expect(few.findings.map((f) => [f.kind, f.severity, f.value])).toEqual([['silence', 'warning', 20]]);
  });

  it('a model without a baseline is not judged', () => {
    const m = evaluateWindow({ baseline: null, window: makeWindow([quiet('x')[1]], 200), policy: mergePolicy(null), now: NOW });
    expect(m).toMatchObject({ judged: false, baselineId: null, findings: [] });
  });
});

describe('evaluateWindow: the message', () => {
  it('has a deterministic id: same window, same id and content; another granularity or window, another id', () => {
    const baseline = makeBaseline([baselineFeature(shifted)], 5000);
    const window = makeWindow([windowHistogram(shifted)], 500);
    const a = evaluateWindow({ baseline, window, policy: mergePolicy(null), now: NOW });
    const b = evaluateWindow({ baseline, window, policy: mergePolicy(null), now: NOW + 5000 });
    expect(a.evaluationId).toMatch(/^[0-9a-f]{40}$/);
    expect(b.evaluationId).toBe(a.evaluationId);
    expect({ ...b, evaluatedAt: 0 }).toEqual({ ...a, evaluatedAt: 0 });
    const rollup = evaluateWindow({ baseline, window, policy: mergePolicy(null), now: NOW, granularity: 'rollup' });
    expect(rollup.evaluationId).not.toBe(a.evaluationId);
    const next = evaluateWindow({ baseline, window: makeWindow([windowHistogram(shifted)], 500, window.windowEnd), policy: mergePolicy(null), now: NOW });
    expect(next.evaluationId).not.toBe(a.evaluationId);
  });

  it('survives JSON (no NaN or Infinity) and carries the hysteresis settings', () => {
    const region = fixtureCase('region');
    const m = run([feature(region), feature(shifted), quiet('x', null, { count: 0, missing: 500 })], { rows: 900, events: 500, policy: { alerting: { resolveAfter: 5 } } });
    // An unseen category no longer makes chi-square infinite (histogram-metrics.spec: empty → null).
    expect(Number.isFinite(m.features[0].metrics.chiSquare)).toBe(true);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(m.policy).toEqual({ openAfter: 1, resolveAfter: 5, cooldownSeconds: 3600 });
  });
});
