import { CompensatedSum } from './compensated-sum.util';

/**
 * ∫|U − V|^p for p = 1 or 2 (without the final root), where U and V are the empirical CDFs
 * of two ascending samples: scipy.stats._cdf_distance without weights. Walks the merge of
 * the two sorted samples once, O(n + m), instead of scipy's sort + searchsorted.
 *
 * Between consecutive merged values a < b the CDFs are constant and equal to the shares of
 * each sample <= a; the counts consumed by the merge are exactly those shares whenever
 * b > a, and ties contribute b − a = 0.
 */
export function cdfDistanceIntegral(u: Float64Array, v: Float64Array, power: 1 | 2, fn: string): number {
  const n = u.length;
  const m = v.length;
  if (n === 0 || m === 0) throw new RangeError(`${fn}: both samples must be non-empty (got ${n} and ${m} values)`);
  let i = 0;
  let j = 0;
  const total = new CompensatedSum();
  let previous = u[0] <= v[0] ? u[i++] : v[j++];
  for (let k = 1; k < n + m; k++) {
    const uCdf = i / n;
    const vCdf = j / m;
    const current = j >= m || (i < n && u[i] <= v[j]) ? u[i++] : v[j++];
    const delta = current - previous;
    if (delta !== 0) {
      const d = Math.abs(uCdf - vCdf);
      total.add((power === 1 ? d : d * d) * delta);
    }
    previous = current;
  }
  return total.value;
}

/**
 * cdfDistanceIntegral for p = 1 and p = 2 from one walk of the merge (numericMetrics needs
 * both: Wasserstein and energy distance): each sum takes the same terms in the same order as
 * its own walk would, so the results are the same to the last bit.
 */
export function cdfDistanceIntegrals(u: Float64Array, v: Float64Array, fn: string): { p1: number; p2: number } {
  const n = u.length;
  const m = v.length;
  if (n === 0 || m === 0) throw new RangeError(`${fn}: both samples must be non-empty (got ${n} and ${m} values)`);
  let i = 0;
  let j = 0;
  const p1 = new CompensatedSum();
  const p2 = new CompensatedSum();
  let previous = u[0] <= v[0] ? u[i++] : v[j++];
  for (let k = 1; k < n + m; k++) {
    const uCdf = i / n;
    const vCdf = j / m;
    const current = j >= m || (i < n && u[i] <= v[j]) ? u[i++] : v[j++];
    const delta = current - previous;
    if (delta !== 0) {
      const d = Math.abs(uCdf - vCdf);
      p1.add(d * delta);
      p2.add(d * d * delta);
    }
    previous = current;
  }
  return { p1: p1.value, p2: p2.value };
}
