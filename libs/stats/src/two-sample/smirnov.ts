// Survival function of the one-sided Kolmogorov–Smirnov statistic D+_n: scipy.special.smirnov(n, x),
// ported from scipy's xsf/cephes/kolmogorov.h (`_smirnov`, van Mulbregt's algorithm).
//
// Same branches, same Birnbaum–Tingey sum, same term range and early stop as scipy. One deliberate
// difference: scipy evaluates each term A_v = C(n,v)·(x+v/n)^(v-1)·(1-x-v/n)^(n-v) in double-double;
// here a term is exp() of its logarithm in double, with x+v/n and 1-x-v/n formed from the exactly
// split n·x (as scipy's modNX does), so each term keeps a relative error below ~n·1e-16 (1e-10 at
// n = 1e6) and the sum of positive terms keeps it. That is ~20x cheaper, which matters because the
// sum runs over up to n terms and KS on two 1M samples lands here (n ≈ 5e5).

/** ln(2^-1075): exp() of anything smaller is 0 (cephes MINLOG). */
const MINLOG = -745.1332191019412;
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
const EPS = Number.EPSILON;
const SPLITTER = 134217729; // 2^27 + 1, Veltkamp split

/** Exact product a·b = hi + lo (Dekker). */
function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  let t = SPLITTER * a;
  const ahi = t - (t - a);
  const alo = a - ahi;
  t = SPLITTER * b;
  const bhi = t - (t - b);
  const blo = b - bhi;
  const e = ahi * bhi - p + ahi * blo + alo * bhi + alo * blo;
  return [p, e];
}

/** floor(n·x) and its fractional part, both exact (scipy's modNX). */
function modNX(n: number, x: number): { nxfl: number; alpha: number } {
  const [p, e] = twoProd(n, x);
  let nxfl: number;
  let alpha: number;
  const fp = Math.floor(p);
  if (fp === p) {
    const fe = Math.floor(e);
    nxfl = p + fe;
    alpha = e - fe;
  } else {
    nxfl = fp;
    alpha = p - fp + e;
  }
  if (alpha >= 1) {
    nxfl += 1;
    alpha = 0;
  }
  return { nxfl, alpha };
}

/** (1+x)^m, accurate for large m (scipy: pow2 in double-double). */
function pow1p(x: number, m: number): number {
  return Math.exp(m * Math.log1p(x));
}

/** scipy.special.smirnov(n, x) = P(D+_n > x). */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  const { nxfl, alpha } = modNX(n, x);
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  // With alpha = 0 the last term is exactly zero: leave it out of both sums.
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }

  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    const cdf = x * pow1p(x, n - 1);
    return clip(1 - cdf);
  }
  if (-2 * n * x * x < MINLOG) return 0;
  if (nxfl >= n - 1) return clip(pow1p(-x, n));
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    // p ~ e^(-(6nx+1)^2 / 18n)
    const logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
    // Maximise precision for small p-values, as scipy does.
    return clip(logp < -Math.LN2 ? Math.exp(logp) : 1 - -Math.expm1(logp));
  }

  const nUpperTerms = n - n1mxceil + 1;
  const useUpperSum =
    (nUpperTerms <= 1 && x < 0.5) ||
    (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));

  let start = 0;
  let step = 1;
  let nTerms = n1mxfl + 1;
  let sum = 0;
  if (useUpperSum) {
    start = n;
    step = -1;
    nTerms = n - n1mxceil + 1;
    sum = pow1p(x, n - 1); // v = n: (1+x)^(n-1)
  } else {
    sum = pow1p(-x, n) / x; // v = 0: (1-x)^n / x
  }

  // Binomial C(n, j) as mantissa·2^exponent: it overflows a double long before n = 1e6.
  let cMan = n;
  let cExp = 0;
  const vmid = Math.floor(n / 2);
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    // x + v/n and 1 - x - v/n from the exact split of n·x: no cancellation near the boundary.
    const t1x = nxfl + v + alpha;
    const t2xSigned = n - nxfl - v - alpha;
    const negative = t2xSigned < 0 && (n - v) % 2 === 1;
    const logTerm =
      Math.log(cMan) +
      cExp * Math.LN2 +
      (v - 1) * Math.log(t1x / n) +
      (n - v) * Math.log(Math.abs(t2xSigned) / n);
    const mag = t2xSigned === 0 && n - v > 0 ? 0 : Math.exp(logTerm);
    const term = negative ? -mag : mag;
    if (Number.isFinite(term) && term !== 0) sum += term;
    if (term !== 0) {
      if (4 * (nTerms - j) * Math.abs(term) < EPS * sum && j !== nTerms - 1) break;
    } else if (j > vmid) {
      break;
    }
    cMan *= (n - j) / (j + 1);
    if (cMan > 2 ** 500) {
      cMan *= 2 ** -500;
      cExp += 500;
    } else if (cMan < 2 ** -500) {
      cMan *= 2 ** 500;
      cExp -= 500;
    }
  }
  const prob = x * sum;
  return clip(step < 0 ? 1 - prob : prob);
}

function clip(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
