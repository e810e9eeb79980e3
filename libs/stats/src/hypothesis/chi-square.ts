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
 * Pearson chi-square goodness of fit of the current category counts against the
 * reference proportions: keys = union of the categories that occur (count > 0)
 * on either side; expected = reference count × (n_cur / n_ref);
 * `scipy.stats.chisquare(observed, expected)`, dof = keys − 1.
 *
 * - A category new in the current window has expected 0 and observed > 0: statistic
 *   Infinity, p-value 0, as scipy (serialisers write Infinity as null).
 * - Categories with count 0 on both sides are ignored (scipy would turn the 0/0 into NaN).
 * - A single category on both sides: statistic 0 and p-value 1 (scipy says NaN for
 *   0 degrees of freedom; observed equals expected, so there is no evidence of drift).
 * - Either side empty: { NaN, NaN }, nothing to compare.
 */
export function chiSquare(ref: ReadonlyMap<string, number>, cur: ReadonlyMap<string, number>): TestResult {
  const keys = new Set<string>();
  let nRef = 0;
  let nCur = 0;
  for (const [k, c] of ref) {
    assertCount(c, 'ref', k);
    nRef += c;
    if (c > 0) keys.add(k);
  }
  for (const [k, c] of cur) {
    assertCount(c, 'cur', k);
    nCur += c;
    if (c > 0) keys.add(k);
  }
  if (nRef === 0 || nCur === 0) return { statistic: NaN, pValue: NaN };
  const ratio = nCur / nRef;
  let statistic = 0;
  for (const k of keys) {
    const expected = (ref.get(k) ?? 0) * ratio;
    const d = (cur.get(k) ?? 0) - expected;
    statistic += (d * d) / expected;
  }
  if (keys.size === 1) return { statistic, pValue: 1 };
  return { statistic, pValue: chiSquareSurvival(statistic, keys.size - 1) };
}

function assertCount(c: number, side: string, key: string): void {
  if (!(c >= 0) || c === Infinity) {
    throw new RangeError(`chiSquare: ${side} count of category ${JSON.stringify(key)} must be a finite number >= 0, got ${c}`);
  }
}
