import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { TestResult } from '../test-result';
import { clip01 } from './numeric.util';
import { assertSortedSample } from './sorted-sample.util';

/**
 * Mann–Whitney U test, two-sided: scipy.stats.mannwhitneyu(x, y) with its defaults
 * (use_continuity=True, method='auto': exact when either sample has at most 8 values and there are
 * no ties, otherwise the normal approximation with the tie-corrected variance).
 * statistic = U1, the U of x (scipy's convention). O(n1 + n2) on sorted input.
 */
export function mannWhitneyU(xSorted: Float64Array, ySorted: Float64Array): TestResult {
  assertSortedSample(xSorted, 'mannWhitneyU: x');
  assertSortedSample(ySorted, 'mannWhitneyU: y');
  const n1 = xSorted.length;
  const n2 = ySorted.length;

  // Rank sum of x over the pooled midranks, and Σ(t³ - t) over tie groups. Midranks are multiples of
  // 1/2 and the rank sum stays below 2^53 for any realistic size, so R1 is exact.
  let R1 = 0;
  let tieTerm = 0;
  let ties = false;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const z = j >= n2 || (i < n1 && xSorted[i] <= ySorted[j]) ? xSorted[i] : ySorted[j];
    const i0 = i;
    const j0 = j;
    while (i < n1 && xSorted[i] === z) i++;
    while (j < n2 && ySorted[j] === z) j++;
    const t = i - i0 + (j - j0);
    if (t > 1) {
      ties = true;
      tieTerm += t ** 3 - t;
    }
    R1 += (i - i0) * ((i0 + j0 + 1 + i + j) / 2);
  }
  const U1 = R1 - (n1 * (n1 + 1)) / 2;
  const U2 = n1 * n2 - U1;
  const U = Math.max(U1, U2);

  let p: number;
  if ((n1 > 8 && n2 > 8) || ties) {
    const mu = (n1 * n2) / 2;
    const n = n1 + n2;
    const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const z = (U - mu - 0.5) / s;
    p = normalCdf(-z, 0, 1);
  } else {
    p = mwuExactCdf(n1 * n2 - U, n1, n2);
  }
  return { statistic: U1, pValue: clip01(p * 2) };
}

/**
 * P(U <= k) under the null without ties (scipy's _MWU.cdf). The counts of U are the coefficients of
 * the Gaussian binomial [n1+n2 choose n1]_q = Π_{i=1..s} (1 - q^{l+i}) / (1 - q^i) (s = min size,
 * l = max size), truncated at degree k: O(s·k) instead of scipy's O(k²) recurrence, same counts.
 */
export function mwuExactCdf(k: number, n1: number, n2: number): number {
  const s = Math.min(n1, n2);
  const l = Math.max(n1, n2);
  const c = new Float64Array(k + 1);
  c[0] = 1;
  for (let i = 1; i <= s; i++) {
    for (let u = i; u <= k; u++) c[u] += c[u - i]; // ÷ (1 - q^i)
    const a = l + i;
    for (let u = k; u >= a; u--) c[u] -= c[u - a]; // × (1 - q^a)
  }
  let total = 1;
  for (let i = 1; i <= s; i++) total = (total * (l + i)) / i;
  let cdf = 0;
  for (let u = 0; u <= k; u++) cdf += c[u] / total;
  return cdf;
}
