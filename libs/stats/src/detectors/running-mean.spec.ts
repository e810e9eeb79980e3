import { describe, expect, it } from 'vitest';
import { newMean, newVar, sampleVariance, updateMean, updateVar } from './running-mean';

// The examples of River's stats.Mean and stats.Var docstrings, with the values River 0.26.1 prints for them.
describe('running mean and variance', () => {
  it('follows stats.Mean', () => {
    const m = newMean();
    const got = [-5, -3, -1, 1, 3, 5].map((x) => (updateMean(m, x), m.mean));
    expect(got).toEqual([-5, -4, -3, -2, -1, 0]);
  });

  it('follows stats.Var (ddof = 1)', () => {
    const v = newVar();
    const got = [3, 5, 4, 7, 10, 12].map((x) => (updateVar(v, x), sampleVariance(v)));
    expect(got).toEqual([0, 2, 1, 2.9166666666666665, 7.7, 12.566666666666668]);
  });
});
