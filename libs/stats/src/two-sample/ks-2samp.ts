import type { TestResult } from '../test-result';
import { kstwoSf } from './kolmogorov-n';
import { probOutsideBand, probOutsideSquare } from './ks-exact';
import { clip01, gcd, roundHalfEven } from './numeric.util';
import { assertSortedSample } from './sorted-sample.util';

export interface Ks2SampResult extends TestResult {
  /** Which null distribution gave the p-value ('exact' may fall back to 'asymp', as scipy does). */
  method: 'exact' | 'asymp';
}

/** scipy's method='auto' is exact when both samples have at most this many values. */
export const KS_MAX_EXACT_N = 10000;

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided: scipy.stats.ks_2samp(x, y) with its defaults
 * (method='auto'). O(n1 + n2) for the statistic on sorted input; the exact p-value (sizes <= 10000)
 * costs O(n) for equal sizes and O(max(n1,n2) · band) otherwise, the asymptotic one is independent
 * of the data size except in the upper tail (a sum of up to n1·n2/(n1+n2) terms).
 *
 * As in scipy the exact method reports the statistic rounded to the lattice, h / lcm(n1, n2).
 */
export function ks2samp(xSorted: Float64Array, ySorted: Float64Array): Ks2SampResult {
  assertSortedSample(xSorted, 'ks2samp: x');
  assertSortedSample(ySorted, 'ks2samp: y');
  const n1 = xSorted.length;
  const n2 = ySorted.length;

  // Extremes of F1 - F2 over the pooled values, both ECDFs taken right-continuous so ties
  // are counted once per distinct value (scipy's searchsorted(side='right')).
  let maxDiff = -Infinity;
  let minDiff = Infinity;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const z = j >= n2 || (i < n1 && xSorted[i] <= ySorted[j]) ? xSorted[i] : ySorted[j];
    while (i < n1 && xSorted[i] === z) i++;
    while (j < n2 && ySorted[j] === z) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  const minS = Math.min(Math.max(-minDiff, 0), 1);
  let d = minS > maxDiff ? minS : maxDiff;

  let method: 'exact' | 'asymp' = Math.max(n1, n2) <= KS_MAX_EXACT_N ? 'exact' : 'asymp';
  let prob = NaN;
  if (method === 'exact') {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) prob = 1.0;
    else prob = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
    // scipy warns and switches to the asymptotic distribution when the exact value is unusable.
    if (!(prob >= 0 && prob <= 1)) method = 'asymp';
  }
  if (method === 'asymp') {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    prob = kstwoSf(d, roundHalfEven(en));
  }
  return { statistic: d, pValue: clip01(prob), method };
}
