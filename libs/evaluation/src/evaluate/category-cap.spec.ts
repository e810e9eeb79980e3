import type { BaselineFeature, FeatureHistogram } from '@driftwatch/contracts';
import { capCategories, OTHER_CATEGORY } from '@driftwatch/stats';
import { describe, expect, it } from 'vitest';
import { mergePolicy } from '../policy/merge-policy';
import { validatePolicy } from '../policy/validate-policy';
import { makeBaseline, makeWindow } from '../testing/fixture.test-util';
import { capAndAlign } from './category-cap.util';
import { evaluateWindow } from './evaluate-window';

const names = Array.from({ length: 100 }, (_, i) => `c${String(i).padStart(3, '0')}`);

/** 100 categories, c000 the most common, decreasing. */
function baselineOf(): BaselineFeature {
  const categories = Object.fromEntries(names.map((c, i) => [c, 200 - i]));
  const count = Object.values(categories).reduce((s, n) => s + n, 0);
  return { name: 'merchant', kind: 'categorical', edges: [], binCounts: [], categories, count, missing: 0, min: null, max: null, mean: null, std: null, median: null, importance: null };
}

/** A window drawn in the baseline's proportions (×2), plus `extra` categories. */
function windowOf(extra: Record<string, number> = {}): FeatureHistogram {
  const categories: Record<string, number> = Object.fromEntries(names.map((c, i) => [c, 2 * (200 - i)]));
  Object.assign(categories, extra);
  const count = Object.values(categories).reduce((s, n) => s + n, 0);
  return { feature: 'merchant', baselineId: 'b1', count, missing: 0, typeErrors: 0, bins: [], fineBins: [], categories, outOfRangeLow: 0, outOfRangeHigh: 0, min: null, max: null, sum: 0, sumSq: 0 };
}

function evaluate(h: FeatureHistogram, maxCategories: number) {
  const b = baselineOf();
  return evaluateWindow({
    baseline: makeBaseline([b], b.count),
    window: makeWindow([h], h.count),
    policy: mergePolicy({ drift: { falseAlarmRate: null, categorical: { method: 'chiSquare' }, maxCategories } }),
    now: 0,
  });
}

describe('drift.maxCategories', () => {
  it('is validated (10 … 10000) and defaults to 1000', () => {
    expect(mergePolicy(null).drift.maxCategories).toBe(1000);
    expect(validatePolicy({ drift: { maxCategories: 50 } }).ok).toBe(true);
    const bad = validatePolicy({ drift: { maxCategories: 9 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues).toEqual(['drift.maxCategories: expected an integer from 10 to 10000, got 9']);
    expect(validatePolicy({ drift: { maxCategories: 10_001 } }).ok).toBe(false);
  });

  it('folds the baseline categories the window did not keep into the same tail bucket', () => {
    const { b, h } = capAndAlign(baselineOf(), windowOf(), 10);
    expect(Object.keys(h.categories)).toEqual([...names.slice(0, 10), OTHER_CATEGORY]);
    expect(Object.keys(b.categories).sort()).toEqual([...names.slice(0, 10), OTHER_CATEGORY].sort());
    const total = (r: Record<string, number>) => Object.values(r).reduce((s, n) => s + n, 0);
    expect(total(b.categories)).toBe(baselineOf().count);
    expect(b.categories[OTHER_CATEGORY]).toBe(baselineOf().count - names.slice(0, 10).reduce((s, _, i) => s + 200 - i, 0));
  });

  it('a capped window in the baseline proportions is not drifted and its tail is not a new category', () => {
    const full = evaluate(windowOf(), 1000);
    const capped = evaluate({ ...windowOf(), categories: capCategories(windowOf().categories, 10) }, 10);
    for (const m of [full, capped]) {
      expect(m.findings.map((f) => [f.kind, f.feature])).toEqual([]);
      expect(m.features[0].metrics.chiSquarePValue).toBeGreaterThan(0.99);
    }
  });

  it('a kept category the baseline never saw is still new; the tail never is', () => {
    const h = windowOf({ 'brand-new': 5000 });
    const m = evaluate({ ...h, categories: capCategories(h.categories, 10) }, 10);
    const newCategory = m.findings.filter((f) => f.kind === 'new_category');
    expect(newCategory).toHaveLength(1);
    expect(newCategory[0].details).toEqual({ categories: { 'brand-new': 5000 }, unseenCount: 1 });
    expect(m.findings.some((f) => f.kind === 'data_drift' && f.feature === 'merchant')).toBe(true);
  });

  it('caps a summed rollup whose windows kept different categories at read', () => {
    const h = windowOf();
    const m = evaluate(h, 10);
    // The evaluator capped the uncapped sum itself: the judged categories are the top 10 + tail.
    expect(m.features[0].metrics.chiSquarePValue).toBeGreaterThan(0.99);
    expect(m.findings).toEqual([]);
  });
});
