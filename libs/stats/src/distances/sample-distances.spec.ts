import { describe, expect, it } from 'vitest';
import { toSortedSample } from '../binning/to-sorted-sample';
import { coreFixture } from '../testing/core-fixture.test-util';
import { expectClose } from '../testing/expect-close.test-util';
import { cdfDistanceIntegrals } from './cdf-distance.util';
import { energyDistance, energyOfIntegral } from './energy-distance';
import { populationStd } from './population-std';
import { normaliseWasserstein, wasserstein, wassersteinDistance, wassersteinFromHistogram } from './wasserstein';

describe('sample distances against scipy', () => {
  const cases = coreFixture().numeric.map((c) => [c.name, c] as const);

  it.each(cases)('wasserstein, energy and std on %s', (_name, c) => {
    const ref = toSortedSample(c.ref);
    const cur = toSortedSample(c.cur);
    expectClose(wassersteinDistance(ref, cur), c.wassersteinRaw, 'wasserstein_distance');
    expectClose(wasserstein(ref, cur), c.wasserstein, 'wasserstein / max(std, 0.001)');
    expectClose(energyDistance(ref, cur), c.energy, 'energy_distance');
    expectClose(populationStd(ref), c.refStd, 'np.std', 1e-9, 1e-15);
  });

  it.each(cases)('one walk for both integrals gives the separate walks to the last bit on %s', (_name, c) => {
    const ref = toSortedSample(c.ref);
    const cur = toSortedSample(c.cur);
    const both = cdfDistanceIntegrals(ref, cur, 'test');
    expect(Object.is(normaliseWasserstein(both.p1, ref), wasserstein(ref, cur))).toBe(true);
    expect(Object.is(energyOfIntegral(both.p2), energyDistance(ref, cur))).toBe(true);
    expect(Object.is(both.p1, wassersteinDistance(ref, cur))).toBe(true);
    expect(() => cdfDistanceIntegrals(ref, new Float64Array(0), 'test')).toThrow(/both samples must be non-empty/);
  });

  it.each(cases)('wassersteinFromHistogram equals scipy with midpoint weights on %s', (_name, c) => {
    const { lo, hi, value } = c.histWasserstein;
    expectClose(wassersteinFromHistogram(c.edges, c.refHist, c.curHist, lo, hi), value, 'histogram wasserstein', 1e-9, 1e-15);
  });

  it('divides by 0.001 when the reference is constant', () => {
    const ref = Float64Array.from([2, 2, 2]);
    const cur = Float64Array.from([2, 3]);
    expect(wassersteinDistance(ref, cur)).toBe(0.5);
    expectClose(wasserstein(ref, cur), 500, 'normalised');
  });

  it('is symmetric and zero between identical samples', () => {
    const a = Float64Array.from([0, 1, 1, 5]);
    const b = Float64Array.from([-2, 1, 3]);
    expect(wassersteinDistance(a, b)).toBeCloseTo(wassersteinDistance(b, a), 15);
    expect(energyDistance(a, a)).toBe(0);
  });

  it('rejects empty samples, as scipy does', () => {
    expect(() => wassersteinDistance(new Float64Array(0), Float64Array.from([1]))).toThrow(/non-empty \(got 0 and 1/);
    expect(() => energyDistance(Float64Array.from([1]), new Float64Array(0))).toThrow(/energyDistance/);
  });

  it('wassersteinFromHistogram checks the number of counts against the edges', () => {
    expect(() => wassersteinFromHistogram([1, 2], [1, 1], [1, 1, 1], 0, 3)).toThrow(/2 edges need 3 counts/);
    expect(wassersteinFromHistogram([], [5], [2], 0, 1)).toBe(0);
  });
});
