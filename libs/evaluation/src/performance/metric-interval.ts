import type { MetricInterval } from '@driftwatch/contracts';
import { binaryLogLoss, brierScore, multiclassLogLoss, regressionMetrics, seededRandom, type ClassificationPair } from '@driftwatch/stats';
import { normalQuantile } from './normal-quantile.util';
import { metricsOf, type ReadPairs } from './performance-snapshot';
import type { TaskShape } from './performance.types';

/**
 * The sampling noise of a window's metric: a two-sided interval at `confidence` around the
 * value computed from the window's labelled pairs, by the method that fits the metric:
 *
 * - `wilson` for proportions (score interval of Wilson 1927; unlike the Wald interval it keeps
 *   its coverage near 0 and 1, where accuracy lives): accuracy = right / labelled; binary
 *   precision = TP / predicted positive; binary recall = TP / actual positive.
 * - `delong` for binary ROC AUC: the normal interval with DeLong, DeLong & Clarke-Pearson
 *   (1988)'s variance, V10/m + V01/n from the placement values, clipped to [0, 1]. Chosen over
 *   Hanley & McNeil (1982), whose variance assumes exponential score distributions: DeLong's is
 *   the nonparametric (U-statistic) variance of the AUC actually computed, exact in ties.
 * - `normal` for metrics that are the mean of a per-row loss (log loss, Brier, MAE, MAPE):
 *   mean ± z·s/√n (central limit theorem, s the sample standard deviation); RMSE = √MSE takes
 *   the interval of the MSE (mean of squared errors) through the square root, which is
 *   monotone, so it keeps the coverage of the MSE interval without a delta-method
 *   linearisation. Lower ends are clipped at 0.
 * - `bootstrap` for the rest (F1, macro averages, multiclass precision/recall/AUC, average
 *   precision, ECE, R², error quantiles): percentile interval of 1000 resamples drawn by a
 *   fixed-seed generator, so the same window always gets the same interval.
 *
 * @returns null when the metric is undefined in the window, or its interval is (e.g. a DeLong
 *   interval needs two positives and two negatives; a proportion needs a non-zero denominator).
 */
export function metricInterval(read: ReadPairs, shape: TaskShape, metric: string, confidence: number): MetricInterval | null {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`metricInterval: confidence must be in (0, 1), got ${confidence}`);
  const n = read.pairs.length;
  if (n === 0) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const interval = (low: number, high: number, method: string): MetricInterval => ({ low, high, confidence, method });
  if (read.task !== 'regression') {
    const pairs = read.pairs;
    const binary = read.task === 'binary';
    const positive = shape.positiveClass;
    if (metric === 'accuracy') {
      const right = pairs.filter((p) => p.actual === p.predicted).length;
      return fromWilson(wilsonInterval(right, n, z), interval);
    }
    if (binary && (metric === 'precision' || metric === 'recall')) {
      const tp = pairs.filter((p) => p.actual === positive && p.predicted === positive).length;
      const denominator = pairs.filter((p) => (metric === 'precision' ? p.predicted : p.actual) === positive).length;
      return fromWilson(wilsonInterval(tp, denominator, z), interval);
    }
    if (binary && metric === 'rocAuc' && read.scored) {
      const d = delongAuc(
        pairs.map((p) => p.actual === positive),
        pairs.map((p) => p.score as number),
      );
      if (d === null) return null;
      const half = z * Math.sqrt(d.variance);
      return interval(Math.max(0, d.auc - half), Math.min(1, d.auc + half), 'delong');
    }
    if ((metric === 'logLoss' || metric === 'brier') && read.scored && (binary || metric === 'logLoss')) {
      return fromNormal(meanInterval(pairs.map((p) => rowLoss(metric, p, positive, binary)), z), interval);
    }
  } else {
    const pairs = read.pairs;
    if (metric === 'mae' || metric === 'mape') {
      return fromNormal(meanInterval(pairs.map((p) => regressionMetrics([p])[metric] as number), z), interval);
    }
    if (metric === 'rmse') {
      const mse = meanInterval(pairs.map((p) => (p.predicted - p.actual) ** 2), z);
      return mse === null ? null : interval(Math.sqrt(Math.max(0, mse.low)), Math.sqrt(mse.high), 'normal');
    }
  }
  return bootstrapInterval(read, shape, metric, confidence);
}

function fromWilson(w: { low: number; high: number } | null, make: (l: number, h: number, m: string) => MetricInterval): MetricInterval | null {
  return w === null ? null : make(w.low, w.high, 'wilson');
}

function fromNormal(w: { low: number; high: number } | null, make: (l: number, h: number, m: string) => MetricInterval): MetricInterval | null {
  return w === null ? null : make(Math.max(0, w.low), w.high, 'normal');
}

/** One pair's contribution to the mean loss, through libs/stats' own functions (same clipping). */
function rowLoss(metric: 'logLoss' | 'brier', p: ClassificationPair, positive: string | null, binary: boolean): number {
  if (binary) {
    const y = Uint8Array.of(p.actual === positive ? 1 : 0);
    const s = Float64Array.of(p.score as number);
    return (metric === 'brier' ? brierScore(y, s) : binaryLogLoss(y, s)) as number;
  }
  const map = p.probabilities ?? {};
  return multiclassLogLoss(Float64Array.of(Object.hasOwn(map, p.actual) ? map[p.actual] : 0)) as number;
}

/** Wilson score interval of k successes in n trials with the normal quantile z; null when n = 0. */
export function wilsonInterval(k: number, n: number, z: number): { low: number; high: number } | null {
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = ((z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n)));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** mean ± z·s/√n (s with n − 1); null with fewer than two values. */
export function meanInterval(values: readonly number[], z: number): { low: number; high: number; mean: number } | null {
  const n = values.length;
  if (n < 2) return null;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const half = z * Math.sqrt(ss / (n - 1) / n);
  return { low: mean - half, high: mean + half, mean };
}

/**
 * ROC AUC and its DeLong variance from midranks (Sun & Xu 2014's O(n log n) form of the
 * placement values): V10ᵢ = (rank of positive i among all − its rank among positives) / n_neg,
 * V01ⱼ = 1 − (rank of negative j among all − its rank among negatives) / n_pos;
 * variance = var(V10)/n_pos + var(V01)/n_neg (sample variances).
 * @returns null with fewer than two positives or two negatives.
 */
export function delongAuc(isPositive: readonly boolean[], scores: readonly number[]): { auc: number; variance: number } | null {
  const pos: number[] = [];
  const neg: number[] = [];
  scores.forEach((s, i) => (isPositive[i] ? pos : neg).push(s));
  const m = pos.length;
  const n = neg.length;
  if (m < 2 || n < 2) return null;
  const all = midranks([...pos, ...neg]);
  const rp = midranks(pos);
  const rn = midranks(neg);
  const v10 = pos.map((_, i) => (all[i] - rp[i]) / n);
  const v01 = neg.map((_, j) => 1 - (all[m + j] - rn[j]) / m);
  const auc = v10.reduce((a, b) => a + b, 0) / m;
  return { auc, variance: sampleVariance(v10) / m + sampleVariance(v01) / n };
}

function sampleVariance(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, v) => a + (v - mean) * (v - mean), 0) / (values.length - 1);
}

/** 1-based ranks, ties sharing the mean of their ranks. */
function midranks(values: readonly number[]): Float64Array {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

export const BOOTSTRAP_RESAMPLES = 1000;
const BOOTSTRAP_SEED = 0x5eed;

/**
 * Percentile bootstrap: the metric recomputed on BOOTSTRAP_RESAMPLES resamples (with
 * replacement, same size) drawn by libs/stats seededRandom (mulberry32) from a fixed seed; resamples where the metric is
 * undefined (e.g. one class only) are left out. null when fewer than half of them define it.
 */
export function bootstrapInterval(read: ReadPairs, shape: TaskShape, metric: string, confidence: number): MetricInterval | null {
  const n = read.pairs.length;
  if (n < 2) return null;
  const uniform = seededRandom(BOOTSTRAP_SEED).uniform;
  const values: number[] = [];
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    const idx = Array.from({ length: n }, () => Math.floor(uniform() * n));
    const resample: ReadPairs =
      read.task === 'regression' ? { task: 'regression', pairs: idx.map((i) => read.pairs[i]) } : { ...read, pairs: idx.map((i) => read.pairs[i]) };
    const v = metricsOf(resample, shape)[metric];
    if (v !== null && v !== undefined && Number.isFinite(v)) values.push(v);
  }
  if (values.length < BOOTSTRAP_RESAMPLES / 2) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return { low: percentile(values, tail), high: percentile(values, 1 - tail), confidence, method: 'bootstrap' };
}

/** numpy's default ("linear") percentile of sorted values. */
function percentile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

