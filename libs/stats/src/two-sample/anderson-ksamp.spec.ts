import { describe, expect, it } from 'vitest';
import { andersonDarlingKSample } from './anderson-ksamp';
import { closeTo, fixtures, sortedSample, type Expected } from './two-sample-fixtures.test-util';

function check(res: ReturnType<typeof andersonDarlingKSample>, expected: Expected): void {
  expect(closeTo(res.statistic, expected.statistic, 1e-9), `statistic ${res.statistic} vs ${expected.statistic}`).toBe(true);
  expect(closeTo(res.pValue, expected.pvalue, 1e-6, 1e-15), `p ${res.pValue} vs ${expected.pvalue}`).toBe(true);
  expect(res.criticalValues).toHaveLength(7);
  res.criticalValues.forEach((c, i) => expect(c).toBeCloseTo((expected.criticalValues as number[])[i], 12));
}

describe('andersonDarlingKSample reproduces scipy.stats.anderson_ksamp', () => {
  const pairs = fixtures.cases.filter((c) => !('error' in c.ad));
  it.each(pairs.map((c) => [c.name, c] as const))('two samples: %s', (_name, c) => {
    check(andersonDarlingKSample([sortedSample(c.x), sortedSample(c.y)]), c.ad as Expected);
  });

  it.each(fixtures.andersonKSample.map((c) => [c.name, c] as const))('k samples: %s', (_name, c) => {
    check(andersonDarlingKSample(c.samples.map(sortedSample)), c as Expected);
  });

  it('covers the cap at 0.25, the floor at 0.001 and the interpolated range', () => {
    const ps = pairs.map((c) => (c.ad as Expected).pvalue);
    expect(ps).toContain(0.25);
    expect(ps).toContain(0.001);
    expect(ps.some((p) => p > 0.001 && p < 0.25)).toBe(true);
  });

  it('fails like scipy where scipy fails', () => {
    const failing = fixtures.cases.filter((c) => 'error' in c.ad);
    expect(failing.length).toBeGreaterThan(0);
    for (const c of failing) {
      expect(() => andersonDarlingKSample([sortedSample(c.x), sortedSample(c.y)])).toThrow(RangeError);
    }
    expect(() => andersonDarlingKSample([Float64Array.from([1, 2])])).toThrow(/at least two samples/);
  });
});
