import { describe, expect, it } from 'vitest';
import { besselK } from './bessel-k';
import { cramerVonMises2 } from './cramer-von-mises-2samp';
import { cdfCvmInf } from './cvm-distribution';
import { closeTo, fixtures, sortedSample, type Expected } from './two-sample-fixtures.test-util';

describe('cramerVonMises2 reproduces scipy.stats.cramervonmises_2samp', () => {
  const cases = fixtures.cases.filter((c) => !('error' in c.cvm));
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const expected = c.cvm as Expected;
    const res = cramerVonMises2(sortedSample(c.x), sortedSample(c.y));
    expect(closeTo(res.statistic, expected.statistic, 1e-9), `statistic ${res.statistic} vs ${expected.statistic}`).toBe(true);
    // The asymptotic p is 1 - cdf; scipy's cdf carries its kv error (~1e-13 relative, see below), so in
    // the far tail scipy's own p is only good to a few 1e-15 absolute: compare at 5e-15 there.
    expect(closeTo(res.pValue, expected.pvalue, 1e-6, 5e-15), `p ${res.pValue} vs ${expected.pvalue}`).toBe(true);
  });

  it('needs two observations per sample, as scipy', () => {
    expect(() => cramerVonMises2(Float64Array.from([1]), Float64Array.from([1, 2]))).toThrow(/at least 2/);
  });
});

describe('Cramér–von Mises limiting distribution', () => {
  it.each(fixtures.cdfCvmInf)('_cdf_cvm_inf(%f)', (x, expected) => {
    expect(closeTo(cdfCvmInf(x), expected, 1e-12, 1e-16), `${cdfCvmInf(x)} vs ${expected}`).toBe(true);
  });

  it.each(fixtures.besselK)('kv(%f, %f)', (nu, z, scipyKv, exactKv) => {
    const k = besselK(nu, z);
    expect(closeTo(k, exactKv, 1e-15), `${k} vs mpmath ${exactKv}`).toBe(true);
    // scipy's AMOS kv itself is only good to ~1e-13.
    expect(closeTo(k, scipyKv, 2e-13), `${k} vs scipy ${scipyKv}`).toBe(true);
  });
});
