import { describe, expect, it } from 'vitest';
import { chooseDriftRule, defaultDriftRule } from './default-drift-rule';
import { methodFits } from './method-registry';

describe('defaultDriftRule', () => {
  it('a baseline of exactly 1000 rows is small: KS p <= 0.05, chi-square p < 0.05', () => {
    expect(defaultDriftRule('numeric', 1000)).toEqual({ method: 'ks', threshold: 0.05 });
    expect(defaultDriftRule('categorical', 1000)).toEqual({ method: 'chiSquare', threshold: 0.05 });
  });

  it('1001 rows switch to distances: Wasserstein >= 0.1, Jensen–Shannon >= 0.1', () => {
    expect(defaultDriftRule('numeric', 1001)).toEqual({ method: 'wasserstein', threshold: 0.1 });
    expect(defaultDriftRule('categorical', 1001)).toEqual({ method: 'jensenShannon', threshold: 0.1 });
  });
});

describe('chooseDriftRule', () => {
  const fitsNumeric = (m: Parameters<typeof methodFits>[0]) => methodFits(m, 'numeric');

  it('the first request that fits wins; a missing threshold is the method default', () => {
    expect(chooseDriftRule([{ method: 'chiSquare', threshold: 0.01 }, { method: 'psi' }], fitsNumeric, 'numeric', 5000)).toEqual({
      rule: { method: 'psi', threshold: 0.1 },
      request: { method: 'psi' },
    });
    expect(chooseDriftRule([undefined, { method: 'ks', threshold: null }], fitsNumeric, 'numeric', 5000).rule).toEqual({ method: 'ks', threshold: 0.05 });
  });

  it('no request that fits: the default for the kind and baseline size (boolean as categorical)', () => {
    expect(chooseDriftRule([{ method: 'chiSquare', threshold: 0.01 }], fitsNumeric, 'numeric', 1000)).toEqual({ rule: { method: 'ks', threshold: 0.05 }, request: undefined });
    expect(chooseDriftRule([], () => true, 'boolean', 1001).rule).toEqual({ method: 'jensenShannon', threshold: 0.1 });
  });
});
