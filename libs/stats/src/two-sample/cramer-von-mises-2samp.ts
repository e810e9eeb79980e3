import type { TestResult } from '../test-result';
import { cdfCvmInf, cvm2sampExactPValue } from './cvm-distribution';
import { CompensatedSum } from './numeric.util';
import { assertSortedSample } from './sorted-sample.util';

/** scipy's method='auto' is exact when both samples have at most this many values. */
export const CVM_MAX_EXACT_N = 20;

/**
 * Two-sample Cramér–von Mises test: scipy.stats.cramervonmises_2samp(x, y) with method='auto'
 * (exact when both sizes are <= 20, else Anderson's normalisation and the limiting distribution).
 * Midranks for ties. O(n1 + n2) on sorted input for the statistic.
 */
export function cramerVonMises2(xSorted: Float64Array, ySorted: Float64Array): TestResult {
  assertSortedSample(xSorted, 'cramerVonMises2: x', 2);
  assertSortedSample(ySorted, 'cramerVonMises2: y', 2);
  const nx = xSorted.length;
  const ny = ySorted.length;

  // U = nx·Σ(r_i - i)² + ny·Σ(s_j - j)² with r, s the pooled midranks of x and y (Anderson 1962 eq. 10).
  const sx = new CompensatedSum();
  const sy = new CompensatedSum();
  let i = 0;
  let j = 0;
  while (i < nx || j < ny) {
    const z = j >= ny || (i < nx && xSorted[i] <= ySorted[j]) ? xSorted[i] : ySorted[j];
    const i0 = i;
    const j0 = j;
    while (i < nx && xSorted[i] === z) i++;
    while (j < ny && ySorted[j] === z) j++;
    const rank = (i0 + j0 + 1 + i + j) / 2;
    for (let a = i0 + 1; a <= i; a++) sx.add((rank - a) ** 2);
    for (let b = j0 + 1; b <= j; b++) sy.add((rank - b) ** 2);
  }
  const u = nx * sx.value() + ny * sy.value();
  const k = nx * ny;
  const N = nx + ny;
  const t = u / (k * N) - (4 * k - 1) / (6 * N);

  let pValue: number;
  if (Math.max(nx, ny) <= CVM_MAX_EXACT_N) {
    pValue = cvm2sampExactPValue(u, nx, ny);
  } else {
    // Expected value and variance of T (Anderson 1962 eq. 11, 14), normalised statistic (eq. 15).
    const et = (1 + 1 / N) / 6;
    let vt = (N + 1) * (4 * k * N - 3 * (nx ** 2 + ny ** 2) - 2 * k);
    vt = vt / (45 * N ** 2 * 4 * k);
    const tn = 1 / 6 + (t - et) / Math.sqrt(45 * vt);
    // Below 0.003 the limiting CDF is < 1.3e-18: scipy returns 1 directly.
    pValue = tn >= 0.003 ? Math.max(1 - cdfCvmInf(tn), 0) : 1;
  }
  return { statistic: t, pValue };
}
