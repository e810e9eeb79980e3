import gammainc from '@stdlib/math-base-special-gammainc';
import type { TestResult } from '../test-result';

/**
 * Survival function of the chi-square distribution, `scipy.stats.chi2.sf(x, dof)`:
 * the regularised upper incomplete gamma Q(dof/2, x/2).
 */
export function chiSquareSurvival(x: number, dof: number): number {
  if (!(dof > 0)) throw new RangeError(`chiSquareSurvival: degrees of freedom must be > 0, got ${dof}`);
  if (x === Infinity) return 0;
  if (x <= 0) return 1;
  return gammainc(x / 2, dof / 2, true, true);
}

/**
 * Pearson chi-square test of homogeneity on the 2 × k contingency table of the reference
 * counts (row 1) and the current counts (row 2), as `scipy.stats.chi2_contingency(table)`
 * with its defaults: both rows are samples, so the baseline's proportions are estimated, not
 * taken as exact (a goodness-of-fit test against the baseline's shares flags most clean
 * windows once the window outgrows the baseline, libs/stats README "Chi-square").
 *
 * - Columns = the categories with a count > 0 on either side; a category with 0 on both
 *   sides is dropped (scipy refuses a zero expected frequency). A category seen on one side
 *   only adds a finite contribution: its expected count on the other side is > 0.
 * - dof = k − 1. With dof 1 (two categories) Yates' continuity correction is applied, as
 *   scipy's default `correction=True`: each |observed − expected| is reduced by
 *   min(0.5, |observed − expected|).
 * - A single category over both sides: statistic 0 and p-value 1 (scipy, dof 0).
 * - Either side empty: { NaN, NaN }, nothing to compare (scipy raises on the zero row).
 */
export function chiSquare(ref: ReadonlyMap<string, number>, cur: ReadonlyMap<string, number>): TestResult {
  const columns = new Map<string, [number, number]>();
  let nRef = 0;
  let nCur = 0;
  for (const [k, c] of ref) {
    assertCount(c, 'ref', k);
    nRef += c;
    if (c > 0) columns.set(k, [c, 0]);
  }
  for (const [k, c] of cur) {
    assertCount(c, 'cur', k);
    nCur += c;
    if (c > 0) columns.set(k, [columns.get(k)?.[0] ?? 0, c]);
  }
  if (nRef === 0 || nCur === 0) return { statistic: NaN, pValue: NaN };
  const dof = columns.size - 1;
  if (dof === 0) return { statistic: 0, pValue: 1 };
  const total = nRef + nCur;
  const yates = dof === 1;
  let statistic = 0;
  for (const [r, c] of columns.values()) {
    const column = r + c;
    statistic += cell(r, (nRef * column) / total, yates) + cell(c, (nCur * column) / total, yates);
  }
  return { statistic, pValue: chiSquareSurvival(statistic, dof) };
}

function cell(observed: number, expected: number, yates: boolean): number {
  let d = Math.abs(observed - expected);
  if (yates) d -= Math.min(0.5, d);
  return (d * d) / expected;
}

function assertCount(c: number, side: string, key: string): void {
  if (!(c >= 0) || c === Infinity) {
    throw new RangeError(`chiSquare: ${side} count of category ${JSON.stringify(key)} must be a finite number >= 0, got ${c}`);
  }
}
