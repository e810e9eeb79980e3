import { kstwoSf, type TestResult } from '@driftwatch/stats';

/**
 * Two-sample Kolmogorov–Smirnov from two histograms over the same bins (a window keeps no raw
 * values). The binned CDFs are only known at the bin edges, so the statistic is
 * D = max over edges of |F_ref − F_cur|: a lower bound of the raw-sample statistic, short of it
 * by at most the largest bin share on either side (≈ 0.01 on the baseline's 100-bin fine grid).
 * The p-value is scipy's asymptotic one, `kstwo.sf(D, round(n·m/(n+m)))`, the distribution
 * `ks_2samp(method="asymp")` uses: the exact distribution assumes continuous data, which binned
 * counts are not. NaN for an empty side.
 */
export function binnedKs(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): TestResult {
  if (refCounts.length !== curCounts.length) {
    throw new RangeError(`binnedKs: the histograms must have the same bins (${refCounts.length} vs ${curCounts.length})`);
  }
  let n = 0;
  let m = 0;
  for (let i = 0; i < refCounts.length; i++) {
    n += refCounts[i];
    m += curCounts[i];
  }
  if (n === 0 || m === 0) return { statistic: NaN, pValue: NaN };
  let refCum = 0;
  let curCum = 0;
  let d = 0;
  // The last bin's CDF is 1 on both sides: only the interior edges can differ.
  for (let i = 0; i < refCounts.length - 1; i++) {
    refCum += refCounts[i];
    curCum += curCounts[i];
    d = Math.max(d, Math.abs(refCum / n - curCum / m));
  }
  return { statistic: d, pValue: d === 0 ? 1 : kstwoSf(d, roundHalfEven((n * m) / (n + m))) };
}

/** numpy's round: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
