import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hellinger, jensenShannon, kullbackLeibler, psi, totalVariation, wassersteinFromHistogram } from '../distances';
import { expectAllClose, expectClose } from '../testing/expect-close.test-util';
import { binTerms, cdfGaps, contingencyTerms, wassersteinBinTerms, wassersteinTerms } from './bin-contributions';

interface Case {
  name: string;
  ref: number[];
  cur: number[];
  edges: number[];
  lo: number;
  hi: number;
  psi: number[];
  kullbackLeibler: number[];
  totalVariation: number[];
  jensenShannon: number[];
  jensenShannonTotal: number;
  hellinger: number[];
  hellingerTotal: number;
  ksGaps: number[];
  ksStatistic: number;
  wasserstein: number[];
  wassersteinTotal: number;
  contingency: number[];
  contingencyStatistic: number;
}

/** Written by libs/stats/scripts/gen_contribution_fixtures.py (numpy/scipy). */
const cases: Case[] = JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/contributions.json'), 'utf8')).cases;
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describe.each(cases.map((c) => [c.name, c] as const))('per-bin contributions against numpy: %s', (_name, c) => {
  it('equal numpy term by term', () => {
    expectAllClose(binTerms('psi', c.ref, c.cur), c.psi, 'psi');
    expectAllClose(binTerms('kullbackLeibler', c.ref, c.cur), c.kullbackLeibler, 'kullbackLeibler');
    expectAllClose(binTerms('totalVariation', c.ref, c.cur), c.totalVariation, 'totalVariation');
    expectAllClose(binTerms('jensenShannon', c.ref, c.cur), c.jensenShannon, 'jensenShannon', 1e-8);
    expectAllClose(binTerms('hellinger', c.ref, c.cur), c.hellinger, 'hellinger', 1e-8);
    expectAllClose(cdfGaps(c.ref, c.cur), c.ksGaps, 'ks gaps');
    expectAllClose(wassersteinTerms(c.edges, c.ref, c.cur, c.lo, c.hi), c.wasserstein, 'wasserstein');
    expectAllClose(contingencyTerms(c.ref, c.cur), c.contingency, 'contingency');
  });

  it('sum to the distance where the distance is a sum (scipy totals and the lib alike)', () => {
    const close = (terms: number[], total: number, label: string) => expectClose(sum(terms), total, label, 1e-9, 1e-15);
    close(binTerms('psi', c.ref, c.cur), psi(c.ref, c.cur), 'psi');
    close(binTerms('kullbackLeibler', c.ref, c.cur), kullbackLeibler(c.ref, c.cur), 'kullbackLeibler');
    close(binTerms('totalVariation', c.ref, c.cur), totalVariation(c.ref, c.cur), 'totalVariation');
    close(binTerms('jensenShannon', c.ref, c.cur), c.jensenShannonTotal, 'jensenShannon (scipy)');
    close(binTerms('jensenShannon', c.ref, c.cur), jensenShannon(c.ref, c.cur), 'jensenShannon');
    close(binTerms('hellinger', c.ref, c.cur), c.hellingerTotal, 'hellinger (numpy)');
    close(binTerms('hellinger', c.ref, c.cur), hellinger(c.ref, c.cur), 'hellinger');
    close(wassersteinTerms(c.edges, c.ref, c.cur, c.lo, c.hi), c.wassersteinTotal, 'wasserstein (scipy, midpoint weights)');
    close(wassersteinTerms(c.edges, c.ref, c.cur, c.lo, c.hi), wassersteinFromHistogram(c.edges, c.ref, c.cur, c.lo, c.hi), 'wasserstein');
    close(wassersteinBinTerms(c.edges, c.ref, c.cur, c.lo, c.hi), c.wassersteinTotal, 'wasserstein per bin (scipy)');
    close(contingencyTerms(c.ref, c.cur), c.contingencyStatistic, 'chi2_contingency');
  });

  it('KS: the largest gap is the statistic', () => {
    expectClose(Math.max(0, ...cdfGaps(c.ref, c.cur)), c.ksStatistic, 'ks');
  });
});

describe('hand-computed contributions', () => {
  it('PSI of [½, ½] against [¼, ¾]: ¼·ln(½) and ¼·ln(3/2)', () => {
    const [a, b] = binTerms('psi', [1, 1], [1, 3]);
    expect(a).toBeCloseTo(-0.25 * Math.log(0.5), 15);
    expect(b).toBeCloseTo(0.25 * Math.log(1.5), 15);
  });

  it('a category only one side has gets a finite contingency term: 2×2 table [[10, 0], [5, 5]]', () => {
    // column sums 15 and 5, rows 10 and 10: E = 7.5, 7.5 / 2.5, 2.5
    const terms = contingencyTerms([10, 0], [5, 5]);
    expect(terms[0]).toBeCloseTo((2.5 ** 2 / 7.5) * 2, 12);
    expect(terms[1]).toBeCloseTo((2.5 ** 2 / 2.5) * 2, 12);
  });

  it('no mass on a side: no terms; identical shares: all zero', () => {
    expect(binTerms('psi', [0, 0], [1, 1])).toEqual([]);
    expect(contingencyTerms([1, 2], [0, 0])).toEqual([]);
    expect(binTerms('jensenShannon', [1, 2], [2, 4])).toEqual([0, 0]);
  });

  it('Wasserstein per bin: |ΔF| times half of each neighbouring width', () => {
    // bins [0,1), [1,2), [2,3] with all the mass moving from the first to the last: ΔF = 1 at both edges
    expect(wassersteinBinTerms([1, 2], [1, 0, 0], [0, 0, 1], 0, 3)).toEqual([0.5, 1, 0.5]);
  });

  it('rejects bins of different lengths, naming the function', () => {
    expect(() => binTerms('psi', [1], [1, 2])).toThrow(/psi terms/);
    expect(() => wassersteinTerms([1], [1, 1], [1], 0, 2)).toThrow(/1 edges need 2 counts/);
  });
});
