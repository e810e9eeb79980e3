import { describe, expect, it } from 'vitest';
import { exceedsThreshold } from './threshold';

describe('exceedsThreshold', () => {
  it('KS drifts at p <= threshold: exactly 0.05 is drift', () => {
    expect(exceedsThreshold('ks', 0.05, 0.05)).toBe(true);
    expect(exceedsThreshold('ks', 0.0500001, 0.05)).toBe(false);
  });

  it('chi-square and the other tests drift at p < threshold: exactly 0.05 is not drift', () => {
    expect(exceedsThreshold('chiSquare', 0.05, 0.05)).toBe(false);
    expect(exceedsThreshold('chiSquare', 0.0499999, 0.05)).toBe(true);
    expect(exceedsThreshold('mannWhitney', 0.01, 0.01)).toBe(false);
    expect(exceedsThreshold('twoProportionZ', 0, 0.05)).toBe(true);
  });

  it('distances drift at value >= threshold: exactly 0.1 is drift', () => {
    expect(exceedsThreshold('wasserstein', 0.1, 0.1)).toBe(true);
    expect(exceedsThreshold('jensenShannon', 0.1, 0.1)).toBe(true);
    expect(exceedsThreshold('jensenShannon', 0.09999999, 0.1)).toBe(false);
    expect(exceedsThreshold('kullbackLeibler', Infinity, 0.1)).toBe(true);
  });

  it('NaN never drifts', () => {
    expect(exceedsThreshold('psi', NaN, 0)).toBe(false);
    expect(exceedsThreshold('ks', NaN, 1)).toBe(false);
  });
});

describe('exceedsThreshold without a value', () => {
  it('null never drifts, whatever the direction', () => {
    expect(exceedsThreshold('ks', null, 1)).toBe(false);
    expect(exceedsThreshold('psi', null, 0)).toBe(false);
  });
});
