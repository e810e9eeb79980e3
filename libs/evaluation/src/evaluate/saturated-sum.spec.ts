import type { FeatureHistogram } from '@driftwatch/contracts';
import { SATURATED_SUM } from '@driftwatch/stats';
import { describe, expect, it } from 'vitest';
import { windowSummary } from './feature-summary';

const h = (sum: number): FeatureHistogram => ({
  feature: 'x', baselineId: 'b1', count: 3, missing: 0, typeErrors: 0, bins: [3], fineBins: [], categories: {},
  outOfRangeLow: 0, outOfRangeHigh: 0, min: 1e308, max: 1.7e308, sum, sumSq: SATURATED_SUM,
});

describe('a window whose sum overflowed', () => {
  it('reports no mean rather than a wrong one', () => {
    expect(windowSummary('numeric', h(SATURATED_SUM)).mean).toBeNull();
    expect(windowSummary('numeric', h(-SATURATED_SUM)).mean).toBeNull();
    expect(windowSummary('numeric', h(3e307)).mean).toBe(1e307);
  });
});
