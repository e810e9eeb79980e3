import { describe, expect, it } from 'vitest';
import { coreFixture, type DistanceValues } from '../testing/core-fixture.test-util';
import { expectClose } from '../testing/expect-close.test-util';
import { hellinger } from './hellinger';
import { jensenShannon } from './jensen-shannon';
import { kullbackLeibler } from './kullback-leibler';
import { psi } from './psi';
import { fillZeroShares } from './shares.util';
import { totalVariation } from './total-variation';

function expectDistances(p: number[], q: number[], expected: DistanceValues, label: string): void {
  expectClose(psi(p, q), expected.psi, `${label} psi`);
  expectClose(jensenShannon(p, q), expected.js, `${label} jensenShannon`);
  expectClose(kullbackLeibler(p, q), expected.kl, `${label} kullbackLeibler`);
  expectClose(hellinger(p, q), expected.hellinger, `${label} hellinger`);
  expectClose(totalVariation(p, q), expected.tv, `${label} totalVariation`);
}

describe('histogram distances against numpy/scipy', () => {
  const fixture = coreFixture();

  it.each(fixture.shares.map((c) => [JSON.stringify(c.p), JSON.stringify(c.q), c]))(
    'count/share arrays p=%s q=%s (zeros, both fill branches)',
    (_p, _q, c) => expectDistances(c.p, c.q, c, 'shares'),
  );

  it.each(fixture.numeric.map((c) => [c.name, c]))('quantile-binned histograms of %s', (_name, c) => {
    expectDistances(c.refHist, c.curHist, c.histDistances, c.name);
  });

  it('is 0 between a distribution and itself, counts or shares alike', () => {
    expect(psi([1, 2, 3], [2, 4, 6])).toBe(0);
    expect(jensenShannon([1, 0, 3], [0.25, 0, 0.75])).toBe(0);
  });
});

describe('zero handling', () => {
  it('fills zeros with 1e-4 when the smallest non-zero share is above 1e-4, without renormalising', () => {
    expect(Array.from(fillZeroShares(Float64Array.from([0.5, 0, 0.5])))).toEqual([0.5, 1e-4, 0.5]);
  });

  it('fills zeros with min_nonzero/1e6 when the smallest non-zero share is <= 1e-4', () => {
    const filled = fillZeroShares(Float64Array.from([1e-4, 0, 1 - 1e-4]));
    expect(filled[1]).toBe(1e-4 / 1e6);
  });

  it('returns NaN when a distribution has no mass (e.g. an all-missing window)', () => {
    for (const f of [psi, jensenShannon, kullbackLeibler, hellinger, totalVariation]) {
      expect(f([0, 0], [1, 1]), f.name).toBeNaN();
      expect(f([1, 1], [0, 0]), f.name).toBeNaN();
      expect(f([], []), f.name).toBeNaN();
    }
  });

  it('rejects arrays of different lengths and negative or non-finite counts, naming the argument', () => {
    expect(() => psi([1, 2], [1])).toThrow(/psi: .*same number of bins \(2 vs 1\)/);
    expect(() => jensenShannon([1, -1], [1, 1])).toThrow(/jensenShannon: p\[1\] must be a finite count/);
    expect(() => hellinger([1, 1], [NaN, 1])).toThrow(/hellinger: q\[0\]/);
    expect(() => totalVariation([Infinity, 1], [1, 1])).toThrow(/totalVariation: p\[0\]/);
  });
});
