import erfc from '@stdlib/math-base-special-erfc';
import type { TestResult } from '../test-result';

/**
 * Pooled two-proportion z-test, two-sided, as statsmodels `proportions_ztest([sRef, sCur],
 * [nRef, nCur])`: z = (p_ref − p_cur) / √(p̂(1−p̂)(1/nRef + 1/nCur)) with the pooled p̂;
 * p = 2·Φ(−|z|), computed as erfc(|z|/√2) to keep tiny p-values accurate.
 *
 * When the pooled proportion is 0 or 1 both proportions are equal and the variance is 0;
 * statsmodels then returns NaN, this returns { statistic 0, pValue 1 } (no evidence of a
 * difference).
 * @throws RangeError when a sample size is not > 0 or successes are outside [0, n]
 */
export function twoProportionZ(successesRef: number, nRef: number, successesCur: number, nCur: number): TestResult {
  assertSample(successesRef, nRef, 'Ref');
  assertSample(successesCur, nCur, 'Cur');
  const pooled = (successesRef + successesCur) / (nRef + nCur);
  const variance = pooled * (1 - pooled) * (1 / nRef + 1 / nCur);
  if (variance === 0) return { statistic: 0, pValue: 1 };
  const statistic = (successesRef / nRef - successesCur / nCur) / Math.sqrt(variance);
  return { statistic, pValue: erfc(Math.abs(statistic) / Math.SQRT2) };
}

function assertSample(successes: number, n: number, side: string): void {
  if (!(n > 0) || !Number.isFinite(n)) throw new RangeError(`twoProportionZ: n${side} must be a finite number > 0, got ${n}`);
  if (!(successes >= 0 && successes <= n)) {
    throw new RangeError(`twoProportionZ: successes${side} must be within [0, n${side}=${n}], got ${successes}`);
  }
}
