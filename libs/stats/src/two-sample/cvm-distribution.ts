// Null distributions of the two-sample Cramér–von Mises statistic, ported from scipy/stats/_hypotests.py.
import gammaln from '@stdlib/math-base-special-gammaln';
import { besselK } from './bessel-k';
import { pyFloorDiv } from './numeric.util';

/**
 * Limiting (n = ∞) CDF of the Cramér–von Mises statistic, scipy's `_cdf_cvm_inf` (Csörgő & Faraway
 * 1996, eq. 1.2): terms are added until one falls below 1e-7, exactly as scipy stops.
 */
export function cdfCvmInf(x: number): number {
  let tot = 0;
  for (let k = 0; ; k++) {
    const u = Math.exp(gammaln(k + 0.5) - gammaln(k + 1)) / (Math.PI ** 1.5 * Math.sqrt(x));
    const y = 4 * k + 1;
    const q = y ** 2 / (16 * x);
    const z = u * Math.sqrt(y) * Math.exp(-q) * besselK(0.25, q);
    tot += z;
    if (!(Math.abs(z) >= 1e-7)) break;
  }
  return tot;
}

/**
 * Exact p-value P(U >= u) of the two-sample statistic U (Anderson 1962 eq. 10) for sizes m, n, by the
 * frequency tables of Xiao, Gordon & Yakovlev (2006): scipy's `_pval_cvm_2samp_exact`. Its cost grows
 * quickly with the sizes; scipy (and we) only use it when both are at most 20.
 */
export function cvm2sampExactPValue(u: number, m: number, n: number): number {
  const g = gcdInt(m, n);
  const lcm = (m / g) * n;
  const a = lcm / m;
  const b = lcm / n;
  const mn = m * n;
  // scipy floors this with Python float division (u is a float: midranks make it a multiple of 1/4).
  const zeta = pyFloorDiv(lcm ** 2 * (m + n) * (6 * u - mn * (4 * mn - 1)), 6 * mn ** 2);

  // gs[v]: frequency table value -> count of g^+_{u,v} (Xiao et al. p. 6), as sorted parallel arrays.
  type Table = { values: number[]; freqs: number[] };
  let gs: Table[] = [{ values: [0], freqs: [1] }];
  for (let v = 1; v <= m; v++) gs.push({ values: [], freqs: [] });
  for (let uu = 0; uu <= n; uu++) {
    const next: Table[] = [];
    let tmp: Table = { values: [], freqs: [] };
    for (let v = 0; v <= m; v++) {
      tmp = mergeTables(tmp, gs[v]);
      const res = (a * v - b * uu) ** 2;
      tmp = { values: tmp.values.map((x) => x + res), freqs: tmp.freqs };
      next.push(tmp);
    }
    gs = next;
  }
  const { values, freqs } = gs[m];
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] >= zeta) count += freqs[i];
  return count / binomial(m + n, m);

  function mergeTables(p: Table, q: Table): Table {
    const values: number[] = [];
    const freqs: number[] = [];
    let i = 0;
    let j = 0;
    while (i < p.values.length || j < q.values.length) {
      if (j >= q.values.length || (i < p.values.length && p.values[i] < q.values[j])) {
        values.push(p.values[i]);
        freqs.push(p.freqs[i++]);
      } else if (i >= p.values.length || q.values[j] < p.values[i]) {
        values.push(q.values[j]);
        freqs.push(q.freqs[j++]);
      } else {
        values.push(p.values[i]);
        freqs.push(p.freqs[i++] + q.freqs[j++]);
      }
    }
    return { values, freqs };
  }
}

function gcdInt(a: number, b: number): number {
  return b === 0 ? a : gcdInt(b, a % b);
}

/** C(n, k) exactly while it fits in 2^53 (math.comb in scipy). */
function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}
