import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from './mann-whitney-u';
import { closeTo, fixtures, sortedSample, type Expected } from './two-sample-fixtures.test-util';

describe('mannWhitneyU reproduces scipy.stats.mannwhitneyu', () => {
  it.each(fixtures.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const expected = c.mwu as Expected;
    const res = mannWhitneyU(sortedSample(c.x), sortedSample(c.y));
    expect(closeTo(res.statistic, expected.statistic, 1e-9), `statistic ${res.statistic} vs ${expected.statistic}`).toBe(true);
    expect(closeTo(res.pValue, expected.pvalue, 1e-6, 1e-15), `p ${res.pValue} vs ${expected.pvalue}`).toBe(true);
  });
});
