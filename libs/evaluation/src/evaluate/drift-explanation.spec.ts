import type { BaselineFeature, DriftExplanation, FeatureHistogram } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';
import { mergePolicy } from '../policy/merge-policy';
import { baselineFeature, fixtureCase, makeBaseline, makeWindow, windowHistogram } from '../testing/fixture.test-util';
import { driftImpact, explainDrift, mostMovedText } from './drift-explanation';
import { evaluateWindow } from './evaluate-window';

const ALL = Number.POSITIVE_INFINITY;
const sum = (e: DriftExplanation | null) => (e?.top ?? []).reduce((s, c) => s + c.contribution, 0);

function fixture(name: string): [BaselineFeature, FeatureHistogram] {
  const c = fixtureCase(name);
  return [baselineFeature(c), windowHistogram(c)];
}

describe('explainDrift: contributions add up to the distance computed by scipy (fixtures/evaluation.json)', () => {
  it.each(['psi', 'jensenShannon', 'kullbackLeibler', 'hellinger', 'totalVariation', 'wasserstein'] as const)('numeric, %s (Wasserstein on the fine grid gathered into the baseline bins)', (method) => {
    const c = fixtureCase('shifted');
    const [b, h] = fixture('shifted');
    const e = explainDrift(b, h, method, ALL);
    expect(e?.bins).toBe(b.binCounts.length);
    expect(e?.additive).toBe(true);
    // contributions are rounded to 6 significant digits
    expect(Math.abs(sum(e) - (c.expected[method] as number))).toBeLessThan(1e-5);
  });

  it.each(['psi', 'jensenShannon', 'totalVariation'] as const)('categorical with a new category, %s', (method) => {
    const c = fixtureCase('region');
    const [b, h] = fixture('region');
    const e = explainDrift(b, h, method, ALL)!;
    expect(Math.abs(sum(e) - (c.expected[method] as number))).toBeLessThan(1e-5);
    expect(e.top.find((x) => x.category === 'overseas')).toMatchObject({ new: true, baselineShare: 0 });
    expect(e.top.filter((x) => x.new).map((x) => x.category)).toEqual(['overseas']);
  });

  it('ranks largest first, lists 5 by default, and gives value ranges from the baseline edges', () => {
    const [b, h] = fixture('shifted');
    const e = explainDrift(b, h, 'psi')!;
    expect(e.top).toHaveLength(5);
    const contributions = e.top.map((x) => x.contribution);
    expect(contributions).toEqual([...contributions].sort((x, y) => y - x));
    for (const x of e.top) {
      const i = x.low === null ? 0 : b.edges.indexOf(x.low as number) + 1;
      expect(x.high ?? null).toBe(i === b.edges.length ? null : b.edges[i]);
      expect(x.baselineShare).toBeCloseTo(b.binCounts[i] / b.count, 5);
      expect(x.currentShare).toBeCloseTo(h.bins[i] / h.count, 5);
    }
  });

  it('KS: the top bin holds the statistic', () => {
    const c = fixtureCase('shifted');
    const [b, h] = fixture('shifted');
    const e = explainDrift(b, h, 'ks')!;
    expect(e.additive).toBe(false);
    expect(e.top[0].contribution).toBeCloseTo(c.expected.ks as number, 5);
  });
});

describe('explainDrift: hand-computed', () => {
  const b: BaselineFeature = {
    name: 'x', kind: 'numeric', edges: [10, 20, 30], binCounts: [25, 25, 25, 25], fineEdges: [], fineCounts: [], categories: {},
    count: 100, missing: 0, min: 0, max: 40, mean: 20, std: 10, median: 20, importance: null,
  };
  const h: FeatureHistogram = {
    feature: 'x', baselineId: 'b1', count: 100, missing: 0, typeErrors: 0, bins: [0, 25, 25, 50], fineBins: [], categories: {},
    outOfRangeLow: 0, outOfRangeHigh: 0, min: 10, max: 40, sum: 0, sumSq: 0,
  };

  it('Wasserstein on the baseline bins: |ΔF| = ¼ at each edge, half of each neighbouring width, over std 10', () => {
    // bins are 10 wide: bin 0 gets ¼·5, bins 1 and 2 get ¼·5 twice, bin 3 gets ¼·5; total 7.5 / 10
    const e = explainDrift(b, h, 'wasserstein', ALL)!;
    expect(e.top.map((x) => [x.low, x.high, x.contribution])).toEqual([
      [10, 20, 0.25],
      [20, 30, 0.25],
      [null, 10, 0.125],
      [30, null, 0.125],
    ]);
    expect(mostMovedText(e)).toBe('; most moved: 10–20, 25% → 25%');
  });

  it('PSI: the emptied bin first, its share 25% → 0% (filled at 1e-4)', () => {
    const e = explainDrift(b, h, 'psi')!;
    expect(e.top[0]).toMatchObject({ low: null, high: 10, baselineShare: 0.25, currentShare: 0 });
    expect(e.top[0].contribution).toBeCloseTo((1e-4 - 0.25) * Math.log(1e-4 / 0.25), 5);
    expect(mostMovedText(e)).toBe('; most moved: < 10, 25% → 0%');
  });

  it('chi-square: contingency terms, a new category finite and on top', () => {
    const cb: BaselineFeature = { ...b, kind: 'categorical', edges: [], binCounts: [], categories: { a: 10 }, count: 10 };
    const ch: FeatureHistogram = { ...h, bins: [], categories: { a: 5, zz: 5 }, count: 10 };
    // [[10, 0], [5, 5]]: E = 7.5, 7.5 / 2.5, 2.5
    const e = explainDrift(cb, ch, 'chiSquare')!;
    expect(e.top).toEqual([
      { category: 'zz', new: true, baselineShare: 0, currentShare: 0.5, contribution: 5 },
      { category: 'a', baselineShare: 1, currentShare: 0.5, contribution: Number(((2.5 ** 2 / 7.5) * 2).toPrecision(6)) },
    ]);
    expect(mostMovedText(e)).toBe('; most moved: zz (new), 0% → 50%');
  });
});

describe('driftImpact', () => {
  it('distance / threshold, or ln p / ln threshold, times the importance factor', () => {
    expect(driftImpact('wasserstein', 0.31, 0.1, 2)).toEqual({ impact: 6.2, impactFactors: { drift: 3.1, importance: 2 } });
    expect(driftImpact('ks', 0.05 ** 3, 0.05, 1)?.impactFactors.drift).toBeCloseTo(3, 3);
    expect(driftImpact('chiSquare', 0, 0.05, 1)?.impact).toBeGreaterThan(200);
    expect(driftImpact('psi', null, 0.1, 1)).toBeNull();
  });
});

describe('evaluateWindow: drift findings carry explanation and impact', () => {
  it('ranks an important feature that drifted less above an unimportant one that drifted more', () => {
    const c = fixtureCase('shifted-1500');
    const features = [baselineFeature(c, { name: 'minor', importance: 1 })];
    const small = fixtureCase('shifted');
    const hists = [windowHistogram(c, 'b1', { feature: 'minor' }), windowHistogram(small, 'b1', { feature: 'major' })];
    const base = makeBaseline([features[0], { ...baselineFeature(small, { name: 'major', importance: 9 }) }], 5000);
    const m = evaluateWindow({ baseline: base, window: makeWindow(hists, 2000), policy: mergePolicy({ drift: { falseAlarmRate: null } }), now: 0 });
    const drift = m.findings.filter((f) => f.kind === 'data_drift');
    expect(drift.map((f) => f.feature).sort()).toEqual(['major', 'minor']);
    for (const f of drift) {
      expect(f.details?.explanation).toMatchObject({ method: 'wasserstein', additive: true });
      expect((f.details?.explanation as DriftExplanation).top.length).toBeLessThanOrEqual(5);
      expect(f.message).toMatch(/; most moved: /);
    }
    const impact = Object.fromEntries(drift.map((f) => [f.feature, f.details?.impact as number]));
    const value = Object.fromEntries(drift.map((f) => [f.feature, f.value as number]));
    // importance shares 0.1 and 0.9 of two features: factors 0.2 and 1.8
    expect(impact.minor).toBeCloseTo((value.minor / 0.1) * 0.2, 2);
    expect(impact.major).toBeCloseTo((value.major / 0.1) * 1.8, 2);
    expect(value.minor).toBeGreaterThan(value.major);
    expect(impact.major).toBeGreaterThan(impact.minor);
  });
});
