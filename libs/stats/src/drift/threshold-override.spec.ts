import { describe, expect, it } from 'vitest';
import { parseThresholdOverride, resolveDriftRule, ThresholdSpecError, validateOverrides } from './threshold-override';

describe('parseThresholdOverride', () => {
  it('reads feature:method=value', () => {
    expect(parseThresholdOverride('income:psi=0.2')).toEqual({ feature: 'income', method: 'psi', threshold: 0.2 });
    expect(parseThresholdOverride('region:chiSquare=0.01')).toEqual({ feature: 'region', method: 'chiSquare', threshold: 0.01 });
    expect(parseThresholdOverride('*:ks=1e-3')).toEqual({ feature: '*', method: 'ks', threshold: 0.001 });
  });

  it('a feature name may hold ":" and "="', () => {
    expect(parseThresholdOverride('a:b=c:wasserstein=0.3')).toEqual({ feature: 'a:b=c', method: 'wasserstein', threshold: 0.3 });
  });

  it.each([
    ['income=0.2', /expected feature:method=value/],
    [':psi=0.2', /expected feature:method=value/],
    ['income:psi', /expected feature:method=value/],
    ['income:foo=0.2', /unknown method "foo"/],
    ['income:psi=', /finite number >= 0/],
    ['income:psi=-1', /finite number >= 0/],
    ['income:psi=abc', /finite number >= 0/],
    ['income:ks=1.5', /p-value between 0 and 1/],
    ['income:wasserstein=Infinity', /finite number/],
  ])('rejects %s', (spec, message) => {
    expect(() => parseThresholdOverride(spec)).toThrow(ThresholdSpecError);
    expect(() => parseThresholdOverride(spec)).toThrow(message);
  });
});

describe('resolveDriftRule and validateOverrides', () => {
  const kinds = new Map([
    ['income', 'numeric' as const],
    ['region', 'categorical' as const],
  ]);

  it("a feature's own override wins over *, * applies only where its method fits", () => {
    const overrides = [parseThresholdOverride('*:ks=0.01'), parseThresholdOverride('income:psi=0.2')];
    validateOverrides(overrides, kinds);
    expect(resolveDriftRule('income', 'numeric', 5000, overrides)).toEqual({ method: 'psi', threshold: 0.2 });
    expect(resolveDriftRule('age', 'numeric', 5000, overrides)).toEqual({ method: 'ks', threshold: 0.01 });
    expect(resolveDriftRule('region', 'categorical', 5000, overrides)).toEqual({ method: 'jensenShannon', threshold: 0.1 });
  });

  it('rejects unknown features, methods that do not fit, duplicates and a * that fits nothing', () => {
    expect(() => validateOverrides([parseThresholdOverride('salary:psi=0.1')], kinds)).toThrow(/unknown feature "salary"/);
    expect(() => validateOverrides([parseThresholdOverride('region:wasserstein=0.1')], kinds)).toThrow(/does not apply to categorical/);
    expect(() => validateOverrides([parseThresholdOverride('income:ks=0.1'), parseThresholdOverride('income:psi=0.1')], kinds)).toThrow(
      /more than once/,
    );
    expect(() => validateOverrides([parseThresholdOverride('*:chiSquare=0.1')], new Map([['x', 'numeric' as const]]))).toThrow(/fits no feature/);
  });
});
