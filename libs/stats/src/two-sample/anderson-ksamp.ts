import type { TestResult } from '../test-result';
import { CompensatedSum } from './numeric.util';
import { assertSortedSample } from './sorted-sample.util';

export interface AndersonKSampResult extends TestResult {
  /** Critical values at significance 25%, 10%, 5%, 2.5%, 1%, 0.5%, 0.1% (Scholz & Stephens table 2). */
  criticalValues: number[];
}

const SIGNIFICANCE = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];

/**
 * k-sample Anderson–Darling test: scipy.stats.anderson_ksamp(samples) with its defaults (midrank
 * statistic A2akN of Scholz & Stephens 1987, normalised). The p-value is scipy's interpolation of
 * the critical-value table, so it is capped at 0.25 and floored at 0.001.
 *
 * scipy loops over the distinct pooled values with searchsorted; here one merge walk over the
 * sorted samples visits each distinct value once: O(N·k) for N values in k samples.
 */
export function andersonDarlingKSample(samples: readonly Float64Array[]): AndersonKSampResult {
  const k = samples.length;
  if (k < 2) throw new RangeError('andersonDarlingKSample needs at least two samples');
  samples.forEach((s, i) => assertSortedSample(s, `andersonDarlingKSample: sample ${i}`));
  const n = samples.map((s) => s.length);
  const N = n.reduce((a, b) => a + b, 0);
  // scipy fails (IndexError) below 3 values in total: the variance needs sums over 2..N-1.
  if (N < 3) throw new RangeError(`andersonDarlingKSample needs at least 3 values in total, got ${N}`);

  const sums = samples.map(() => new CompensatedSum());
  const distinct = k === 2 ? walkTwoSamples(samples[0], samples[1], N, sums) : walkSamples(samples, n, N, sums);
  if (distinct < 2) throw new RangeError('andersonDarlingKSample needs more than one distinct observation');

  let A2akN = 0;
  for (let i = 0; i < k; i++) A2akN += sums[i].value() / n[i];
  A2akN *= (N - 1) / N;

  // Variance of A2akN under the null (Scholz & Stephens eq. 4), as scipy computes it.
  let H = 0;
  for (let i = 0; i < k; i++) H += 1 / n[i];
  let hsCs = 0; // running cumsum of 1/(N-1), 1/(N-2), ..., 1/2
  const gSum = new CompensatedSum();
  for (let idx = 0, v = N - 1; v > 1; idx++, v--) {
    hsCs += 1 / v;
    gSum.add(hsCs / (idx + 2));
  }
  const h = hsCs + 1;
  const g = gSum.value();
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k ** 2 + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k ** 2 + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k ** 2 - 4 * h * k;
  const sigmasq = (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
  const m = k - 1;
  const A2 = (A2akN - m) / Math.sqrt(sigmasq);

  const criticalValues = B0.map((b0, i) => b0 + B1[i] / Math.sqrt(m) + B2[i] / m);
  let pValue: number;
  if (A2 < Math.min(...criticalValues)) pValue = Math.max(...SIGNIFICANCE);
  else if (A2 > Math.max(...criticalValues)) pValue = Math.min(...SIGNIFICANCE);
  else {
    // Quadratic least-squares fit of log(significance) on the critical values (np.polyfit deg 2).
    const coef = quadraticFit(criticalValues, SIGNIFICANCE.map(Math.log));
    pValue = Math.exp((coef[0] * A2 + coef[1]) * A2 + coef[2]);
  }
  return { statistic: A2, pValue, criticalValues };
}

/** Least-squares [c2, c1, c0] of y ≈ c2·x² + c1·x + c0, on centred x for conditioning. */
function quadraticFit(x: readonly number[], y: readonly number[]): [number, number, number] {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  // Normal equations in t = x - mean.
  const S = [0, 0, 0, 0, 0];
  const T = [0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    const t = x[i] - mean;
    let tp = 1;
    for (let p = 0; p <= 4; p++) {
      S[p] += tp;
      if (p <= 2) T[p] += tp * y[i];
      tp *= t;
    }
  }
  const M = [
    [S[0], S[1], S[2], T[0]],
    [S[1], S[2], S[3], T[1]],
    [S[2], S[3], S[4], T[2]],
  ];
  for (let col = 0; col < 3; col++) {
    let piv = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(M[r][col]) > Math.abs(M[piv][col])) piv = r;
    [M[col], M[piv]] = [M[piv], M[col]];
    for (let r = 0; r < 3; r++) {
      if (r === col) continue;
      const factor = M[r][col] / M[col][col];
      for (let cc = col; cc < 4; cc++) M[r][cc] -= factor * M[col][cc];
    }
  }
  const e0 = M[0][3] / M[0][0]; // constant in t
  const e1 = M[1][3] / M[1][1]; // linear in t
  const e2 = M[2][3] / M[2][2]; // quadratic in t
  // Back to powers of x: e2(x-μ)² + e1(x-μ) + e0.
  return [e2, e1 - 2 * e2 * mean, e2 * mean * mean - e1 * mean + e0];
}

/** The merge walk over k samples: adds each sample's term per distinct pooled value to `sums`; returns the distinct count. */
function walkSamples(samples: readonly Float64Array[], n: readonly number[], N: number, sums: CompensatedSum[]): number {
  const k = samples.length;
  const pos = new Array<number>(k).fill(0);
  let below = 0; // pooled values strictly below the current distinct value
  let distinct = 0;
  const f = new Array<number>(k).fill(0);
  for (;;) {
    let z = Infinity;
    let any = false;
    for (let i = 0; i < k; i++) {
      if (pos[i] < n[i] && (!any || samples[i][pos[i]] < z)) {
        z = samples[i][pos[i]];
        any = true;
      }
    }
    if (!any) break;
    distinct++;
    let lj = 0;
    for (let i = 0; i < k; i++) {
      const s = samples[i];
      let p = pos[i];
      const start = p;
      while (p < n[i] && s[p] === z) p++;
      f[i] = p - start;
      pos[i] = p;
      lj += f[i];
    }
    const Bj = below + lj / 2;
    const denom = Bj * (N - Bj) - (N * lj) / 4;
    for (let i = 0; i < k; i++) {
      const Mij = pos[i] - f[i] / 2;
      const dev = N * Mij - Bj * n[i];
      sums[i].add(((lj / N) * dev ** 2) / denom);
    }
    below += lj;
  }
  return distinct;
}

/**
 * walkSamples for two samples, the case `compare` runs on every numeric feature: the same
 * operations in the same order (so the same sums to the last bit), without the per-sample arrays.
 */
function walkTwoSamples(x: Float64Array, y: Float64Array, N: number, sums: CompensatedSum[]): number {
  const nx = x.length;
  const ny = y.length;
  const [sx, sy] = sums;
  let px = 0;
  let py = 0;
  let below = 0;
  let distinct = 0;
  while (px < nx || py < ny) {
    let z: number;
    if (px < nx) {
      z = x[px];
      if (py < ny && y[py] < z) z = y[py];
    } else {
      z = y[py];
    }
    distinct++;
    const startX = px;
    while (px < nx && x[px] === z) px++;
    const startY = py;
    while (py < ny && y[py] === z) py++;
    const fx = px - startX;
    const fy = py - startY;
    const lj = fx + fy;
    const Bj = below + lj / 2;
    const denom = Bj * (N - Bj) - (N * lj) / 4;
    const devX = N * (px - fx / 2) - Bj * nx;
    sx.add(((lj / N) * devX ** 2) / denom);
    const devY = N * (py - fy / 2) - Bj * ny;
    sy.add(((lj / N) * devY ** 2) / denom);
    below += lj;
  }
  return distinct;
}
