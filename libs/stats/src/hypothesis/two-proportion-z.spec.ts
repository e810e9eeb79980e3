import { describe, expect, it } from 'vitest';
import { coreFixture } from '../testing/core-fixture.test-util';
import { expectClose, expectPValueClose } from '../testing/expect-close.test-util';
import { twoProportionZ } from './two-proportion-z';

describe('twoProportionZ against the statsmodels proportions_ztest formula', () => {
  it.each(coreFixture().twoProportionZ.map((c) => [`${c.s1}/${c.n1} vs ${c.s2}/${c.n2}`, c]))('%s', (_label, c) => {
    const result = twoProportionZ(c.s1, c.n1, c.s2, c.n2);
    expectClose(result.statistic, c.statistic, 'statistic', 1e-9, 1e-15);
    expectPValueClose(result.pValue, c.pValue, 'pValue');
  });

  it('reports no difference when both proportions are 0 or both are 1', () => {
    expect(twoProportionZ(0, 10, 0, 20)).toEqual({ statistic: 0, pValue: 1 });
    expect(twoProportionZ(10, 10, 20, 20)).toEqual({ statistic: 0, pValue: 1 });
  });

  it('rejects empty samples and impossible success counts', () => {
    expect(() => twoProportionZ(0, 0, 1, 2)).toThrow(/nRef must be a finite number > 0/);
    expect(() => twoProportionZ(1, 2, 3, 2)).toThrow(/successesCur must be within \[0, nCur=2\]/);
  });
});
