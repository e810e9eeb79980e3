import { describe, expect, it } from 'vitest';
import type { CategoricalColumnData, NumericColumnData } from './column-data';
import { compareDataset, type FeaturePair } from './compare-dataset';
import { compareFeature } from './compare-feature';
import { parseThresholdOverride } from './threshold-override';

function numeric(values: number[], missing = 0, typeErrors = 0): NumericColumnData {
  return { kind: 'numeric', rows: values.length + missing + typeErrors, missing, typeErrors, sorted: Float64Array.from(values).sort() };
}

function categorical(counts: Record<string, number>, missing = 0): CategoricalColumnData {
  const n = Object.values(counts).reduce((a, b) => a + b, 0);
  return { kind: 'categorical', rows: n + missing, missing, typeErrors: 0, counts: new Map(Object.entries(counts)) };
}

// Fully separated samples: KS D = 1 and the exact two-sided p-value is 2 / C(n+m, n).
const P_3_3 = 2 / 20; // 0.1
const P_4_4 = 2 / 70; // 0.02857…
const separated = (n: number): FeaturePair => ({
  name: `sep${n}`,
  reference: numeric(Array.from({ length: n }, (_, i) => i + 1)),
  current: numeric(Array.from({ length: n }, (_, i) => n + i + 1)),
});

describe('compareFeature', () => {
  it('numeric: missing rates, type errors, out-of-range share and the KS decision', () => {
    const f = compareFeature('x', numeric([1, 2, 3, 4], 1), numeric([5, 6, 7, 8], 2, 3), { rule: { method: 'ks', threshold: 0.05 } });
    expect(f.missing).toEqual({ reference: 1 / 5, current: 2 / 9 });
    expect(f.typeErrors).toEqual({ reference: 0, current: 3 });
    expect(f.outOfRange).toBe(1);
    expect(f.newCategories).toBeUndefined();
    expect(f.drift).toMatchObject({ method: 'ks', threshold: 0.05, detected: true });
    expect(f.drift.value).toBeCloseTo(P_4_4, 12);
    expect(f.metrics && 'ks' in f.metrics && f.metrics.ks.statistic).toBe(1);
  });

  it('categorical: new categories largest first, total variation by hand, chi-square finite with unseen categories', () => {
    const f = compareFeature('r', categorical({ a: 2, b: 2 }), categorical({ a: 2, c: 1, d: 5 }), {
      rule: { method: 'totalVariation', threshold: 0.5 },
    });
    expect(Object.entries(f.newCategories ?? {})).toEqual([
      ['d', 5],
      ['c', 1],
    ]);
    // shares ref (a .5, b .5, unseen 0) vs cur (a .25, b 0, unseen .75): TV = (.25 + .5 + .75) / 2
    expect(f.metrics?.totalVariation).toBeCloseTo(0.75, 15);
    expect(f.drift).toMatchObject({ method: 'totalVariation', detected: true });
    // 2 x 4 contingency table [[2, 2, 0, 0], [2, 0, 1, 5]], expected by hand: 0.5 + 4 + 0.5 + 2.5;
    // p = scipy.stats.chi2_contingency(...).pvalue (3 dof)
    const chi = f.metrics && 'chiSquare' in f.metrics ? f.metrics.chiSquare : undefined;
    expect(chi?.statistic).toBeCloseTo(7.5, 12);
    expect(chi?.pValue).toBeCloseTo(0.0575584519726364, 12);
    expect(f.outOfRange).toBeUndefined();
  });

  it('a binary feature also gets the two-proportion z-test', () => {
    const f = compareFeature('b', categorical({ yes: 50, no: 50 }), categorical({ yes: 50, no: 50 }), { rule: { method: 'twoProportionZ', threshold: 0.05 } });
    expect(f.metrics && 'twoProportionZ' in f.metrics ? f.metrics.twoProportionZ : undefined).toEqual({ statistic: 0, pValue: 1 });
    expect(f.drift.detected).toBe(false);
  });

  it('an all-missing column is reported with a reason and no drift, not an error', () => {
    const f = compareFeature('e', numeric([], 5), numeric([1, 2], 1), { rule: { method: 'wasserstein', threshold: 0.1 } });
    expect(f).toMatchObject({ metrics: null, reason: 'no valid values in the reference data', outOfRange: null, missing: { reference: 1, current: 1 / 3 } });
    expect(f.drift).toEqual({ detected: false, method: 'wasserstein', value: null, threshold: 0.1 });
    const g = compareFeature('e', categorical({ a: 1 }), categorical({}, 4), { rule: { method: 'jensenShannon', threshold: 0.1 } });
    expect(g).toMatchObject({ metrics: null, reason: 'no valid values in the current data', newCategories: {} });
  });

  it('refuses sides of different kinds', () => {
    expect(() => compareFeature('x', numeric([1]), categorical({ a: 1 }), { rule: { method: 'psi', threshold: 0.1 } })).toThrow(/numeric in the reference but categorical/);
  });
});

describe('compareDataset', () => {
  // Three KS decisions (reference of 4 rows <= 1000): p = 2/70, 2/70 via an override at 0.05, 2/20.
  const pairs: FeaturePair[] = [separated(4), { ...separated(4), name: 'sep4b' }, separated(3), { name: 'cat', reference: categorical({ a: 3, b: 1 }), current: categorical({ a: 1, b: 3 }) }];
  const base = { referenceRows: 4, overrides: [parseThresholdOverride('cat:jensenShannon=0.9')] };

  it('without correction each p-value meets its own threshold', () => {
    const r = compareDataset(pairs, base);
    expect(r.features.map((f) => f.drift.detected)).toEqual([true, true, false, false]);
    expect(r.features[2].drift.value).toBeCloseTo(P_3_3, 12);
    expect(r.datasetDrift).toEqual({ detected: true, share: 0.5, threshold: 0.5, drifted: 2, features: 4 });
  });

  it('Bonferroni multiplies by the number of p-value decisions (3: the distance-decided feature is not in the family)', () => {
    const r = compareDataset(pairs, { ...base, correction: 'bonferroni' });
    expect(r.features[0].drift.value).toBeCloseTo(3 * P_4_4, 12);
    expect(r.features[0].drift).toMatchObject({ detected: false, correction: 'bonferroni' });
    expect(r.features[0].drift.unadjustedPValue).toBeCloseTo(P_4_4, 12);
    expect(r.features[2].drift.value).toBeCloseTo(3 * P_3_3, 12);
    expect(r.features[3].drift.correction).toBeUndefined();
    expect(r.datasetDrift).toMatchObject({ detected: false, share: 0, drifted: 0 });
  });

  it('Benjamini–Hochberg: adjusted p_(i) = min over j >= i of p_(j)·m/j', () => {
    const r = compareDataset(pairs, { ...base, correction: 'bh' });
    // sorted p: 2/70, 2/70, 2/20 -> min(3/1·2/70, 3/2·2/70) = 3/2·2/70 ≈ 0.0429 <= 0.05; the third stays 0.1
    expect(r.features[0].drift.value).toBeCloseTo(1.5 * P_4_4, 12);
    expect(r.features[1].drift.value).toBeCloseTo(1.5 * P_4_4, 12);
    expect(r.features[2].drift.value).toBeCloseTo(P_3_3, 12);
    expect(r.features.map((f) => f.drift.detected)).toEqual([true, true, false, false]);
  });

  it('a dataset share just below the threshold is no dataset drift; the threshold is overridable', () => {
    const r = compareDataset(pairs.slice(1), base); // 1 of 3 drifted
    expect(r.datasetDrift).toMatchObject({ detected: false, drifted: 1, features: 3 });
    expect(r.datasetDrift.share).toBeCloseTo(1 / 3, 15);
    expect(compareDataset(pairs.slice(1), { ...base, datasetDriftShare: 1 / 3 }).datasetDrift.detected).toBe(true);
  });

  it('the reference row count picks the default methods (1000 vs 1001)', () => {
    const one = [separated(3)];
    expect(compareDataset(one, { referenceRows: 1000 }).features[0].drift.method).toBe('ks');
    expect(compareDataset(one, { referenceRows: 1001 }).features[0].drift.method).toBe('wasserstein');
  });

  it('validates overrides against the features', () => {
    expect(() => compareDataset(pairs, { referenceRows: 4, overrides: [parseThresholdOverride('cat:ks=0.1')] })).toThrow(/does not apply/);
  });

  it('no features: no dataset drift', () => {
    expect(compareDataset([], { referenceRows: 0 }).datasetDrift).toMatchObject({ detected: false, share: 0 });
  });
});
