import { describe, expect, it } from 'vitest';
import { ks2samp } from './ks-2samp';
import { closeTo, fixtures, sortedSample } from './two-sample-fixtures.test-util';

describe('ks2samp reproduces scipy.stats.ks_2samp', () => {
  const cases = fixtures.cases.filter((c) => !('error' in c.ks));
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const expected = c.ks as { statistic: number; pvalue: number; method: 'exact' | 'asymp' };
    const res = ks2samp(sortedSample(c.x), sortedSample(c.y));
    expect(res.method).toBe(expected.method);
    expect(closeTo(res.statistic, expected.statistic, 1e-9), `statistic ${res.statistic} vs ${expected.statistic}`).toBe(true);
    expect(closeTo(res.pValue, expected.pvalue, 1e-6, 1e-15), `p ${res.pValue} vs ${expected.pvalue}`).toBe(true);
  });

  it('covers both methods, the tail below 1e-250 and p = 1', () => {
    const ks = cases.map((c) => c.ks as { pvalue: number; method: string });
    expect(ks.some((k) => k.method === 'exact')).toBe(true);
    expect(ks.some((k) => k.method === 'asymp')).toBe(true);
    expect(ks.some((k) => k.pvalue > 0 && k.pvalue < 1e-250)).toBe(true);
    expect(ks.some((k) => k.pvalue === 1)).toBe(true);
  });

  it('rejects empty, unsorted and NaN samples with a message naming the problem', () => {
    const ok = Float64Array.from([1, 2, 3]);
    expect(() => ks2samp(new Float64Array(0), ok)).toThrow(/ks2samp: x must hold at least 1/);
    expect(() => ks2samp(ok, Float64Array.from([3, 1]))).toThrow(/not sorted/);
    expect(() => ks2samp(ok, Float64Array.from([1, NaN]))).toThrow(/NaN/);
  });
});
