import { describe, expect, it } from 'vitest';
import { mergePolicy } from '../policy/merge-policy';
import { resolveDriftRule } from './resolve-drift-rule';

describe('resolveDriftRule', () => {
  it('the default decision by baseline size', () => {
    const p = mergePolicy(null);
    expect(resolveDriftRule('x', 'numeric', 1000, p)).toEqual({ method: 'ks', threshold: 0.05, critical: 0.001 });
    expect(resolveDriftRule('x', 'numeric', 1001, p)).toEqual({ method: 'wasserstein', threshold: 0.1, critical: 0.25 });
    expect(resolveDriftRule('x', 'categorical', 1000, p)).toEqual({ method: 'chiSquare', threshold: 0.05, critical: 0.001 });
    expect(resolveDriftRule('x', 'boolean', 5000, p)).toEqual({ method: 'jensenShannon', threshold: 0.1, critical: 0.25 });
  });

  it('a kind section, then a feature override, win over the default', () => {
    const p = mergePolicy({ drift: { numeric: { method: 'psi' } }, features: { age: { method: 'hellinger', threshold: 0.2 }, zip: { method: 'ks' } } });
    expect(resolveDriftRule('income', 'numeric', 5000, p)).toEqual({ method: 'psi', threshold: 0.1, critical: 0.25 });
    expect(resolveDriftRule('age', 'numeric', 5000, p)).toEqual({ method: 'hellinger', threshold: 0.2, critical: 0.5 });
    // A method that does not fit the feature's kind falls back to the kind's rule.
    expect(resolveDriftRule('zip', 'categorical', 5000, p)).toEqual({ method: 'jensenShannon', threshold: 0.1, critical: 0.25 });
    // twoProportionZ only fits a boolean feature.
    const z = mergePolicy({ drift: { categorical: { method: 'twoProportionZ', threshold: 0.01 } } });
    expect(resolveDriftRule('flag', 'boolean', 5000, z)).toEqual({ method: 'twoProportionZ', threshold: 0.01, critical: 0.0002 });
    expect(resolveDriftRule('region', 'categorical', 5000, z).method).toBe('jensenShannon');
  });
});
