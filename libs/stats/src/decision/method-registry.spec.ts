import { describe, expect, it } from 'vitest';
import {
  defaultThreshold,
  DISTANCE_METHODS,
  DRIFT_METHODS,
  HISTOGRAM_METHODS,
  isDriftMethod,
  isHistogramMethod,
  isPValueMethod,
  methodAppliesTo,
  methodFits,
  methodsForKind,
  P_VALUE_METHODS,
} from './method-registry';

describe('methods', () => {
  it('knows the method names and which kind each fits', () => {
    expect(isDriftMethod('psi')).toBe(true);
    expect(isDriftMethod('PSI')).toBe(false);
    expect(methodAppliesTo('ks', 'numeric')).toBe(true);
    expect(methodAppliesTo('ks', 'categorical')).toBe(false);
    expect(methodAppliesTo('chiSquare', 'numeric')).toBe(false);
    expect(methodAppliesTo('jensenShannon', 'categorical')).toBe(true);
  });
});

describe('METHOD_REGISTRY', () => {
  it('splits p-values from distances and lists the histogram methods in the order users read them', () => {
    expect(P_VALUE_METHODS).toEqual(['ks', 'chiSquare', 'twoProportionZ', 'andersonDarling', 'cramerVonMises', 'mannWhitney']);
    expect(DISTANCE_METHODS).toEqual(['psi', 'jensenShannon', 'kullbackLeibler', 'hellinger', 'totalVariation', 'wasserstein', 'energy']);
    expect(HISTOGRAM_METHODS).toEqual(['psi', 'jensenShannon', 'kullbackLeibler', 'hellinger', 'totalVariation', 'wasserstein', 'ks', 'chiSquare', 'twoProportionZ']);
    expect(isHistogramMethod('energy')).toBe(false);
    expect(isHistogramMethod('ks')).toBe(true);
    expect(isDriftMethod('toString')).toBe(false);
  });

  it('default thresholds: p-values 0.05, distances 0.1', () => {
    expect(DRIFT_METHODS.map((m) => [m, defaultThreshold(m)]).filter(([m]) => isPValueMethod(m as never)).every(([, t]) => t === 0.05)).toBe(true);
    expect(DISTANCE_METHODS.every((m) => defaultThreshold(m) === 0.1)).toBe(true);
  });

  it('twoProportionZ fits a boolean feature; the CLI, which cannot tell before counting, takes it for any categorical column', () => {
    expect(methodFits('twoProportionZ', 'boolean')).toBe(true);
    expect(methodFits('twoProportionZ', 'categorical')).toBe(false);
    expect(methodAppliesTo('twoProportionZ', 'categorical')).toBe(true);
    expect(methodFits('chiSquare', 'boolean')).toBe(true);
    expect(methodFits('wasserstein', 'boolean')).toBe(false);
    expect(methodsForKind('categorical')).toEqual(['psi', 'jensenShannon', 'kullbackLeibler', 'hellinger', 'totalVariation', 'chiSquare', 'twoProportionZ']);
  });
});
