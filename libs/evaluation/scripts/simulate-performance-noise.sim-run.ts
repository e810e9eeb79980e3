/**
 * False alarms and power of the per-window performance rule (libs/evaluation src/performance),
 * measured on the TypeScript decision code itself:
 *
 *     npm run sim:performance
 *
 * prints the tables of libs/evaluation/README.md "Performance". Each run is deterministic.
 *
 * Accuracy, exact (no Monte Carlo): the baseline's accuracy is the share right among 10 000 rows
 * drawn at the true rate p, the window's among n labelled rows at rate q = p − drop. The rule is
 * monotone in the window's count of right predictions, so for each baseline count the largest
 * window count that raises a finding is found by bisection, each probe running the real
 * metricInterval (Wilson) + performanceVerdict on n pairs; the rates are then binomial sums
 * over both counts (baseline counts within ±8 standard deviations).
 *
 * ROC AUC, Monte Carlo: binormal scores (negatives N(0, 1), positives N(μ, 1), AUC = Φ(μ/√2))
 * through a logistic so they are probabilities, 30 % positives; the baseline's AUC from 10 000
 * rows; windows judged by judgePerformance (DeLong) + performanceVerdict. A few thousand windows
 * cannot show a rate near 1e-5, so the clean-window column also gives the normal approximation
 * Φ((−tol − z·σ)/σ) with σ the mean DeLong standard error measured on the clean windows.
 */
import { describe, it } from 'vitest';
import gammaln from '@stdlib/math-base-special-gammaln';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { LabelledPrediction, PerformanceSnapshot } from '@driftwatch/contracts';
import { seededRandom } from '@driftwatch/stats';
import { DEFAULT_POLICY } from '../src/policy/default-policy';
import { mergePolicy } from '../src/policy/merge-policy';
import type { Policy } from '../src/policy/policy.types';
import { metricInterval } from '../src/performance/metric-interval';
import { judgePerformance, performanceVerdict } from '../src/performance/judge-performance';
import type { ReadPairs } from '../src/performance/performance-snapshot';
import type { PerformanceJudgement, TaskShape } from '../src/performance/performance.types';
import { normalQuantile } from '../src/performance/normal-quantile.util';

const BASELINE_ROWS = 10_000;
const WINDOW_SIZES = [100, 300, 1000, 10_000];
const ACCURACIES = [0.5, 0.7, 0.9, 0.97];
const DROPS = [0.05, 0.1, 0.2];
/** One judged window a minute for 30 days. */
const WINDOWS_PER_30_DAYS = 43_200;
const SHAPE: TaskShape = { task: 'binary', positiveClass: '1', classes: ['0', '1'] };

function logBinomialPmf(k: number, n: number, p: number): number {
  if (p <= 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (p >= 1) return k === n ? 0 : Number.NEGATIVE_INFINITY;
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p);
}

/** P(X ≤ k) for X ~ Binomial(n, p), summed from the pmf (fine at these sizes). */
function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let s = 0;
  for (let i = 0; i <= k; i++) s += Math.exp(logBinomialPmf(i, n, p));
  return Math.min(1, s);
}

/** n class pairs, `right` of them correct (all predicted positive; accuracy depends only on the count). */
function accuracyPairs(n: number, right: number): ReadPairs {
  const pairs = Array.from({ length: n }, (_, i) => ({ actual: i < right ? '1' : '0', predicted: '1' }));
  return { task: 'binary', pairs, scored: false };
}

/** Whether a window of n labelled rows, `right` of them right, raises a finding against `baselineValue` (the real decision). */
function accuracyAlarm(n: number, right: number, baselineValue: number, policy: Policy): boolean {
  const interval = metricInterval(accuracyPairs(n, right), SHAPE, 'accuracy', policy.performance.confidence);
  const judgement: PerformanceJudgement = {
    predicted: n,
    labelled: n,
    coverage: 1,
    snapshot: null,
    metric: 'accuracy',
    value: right / n,
    baselineValue,
    interval,
    judged: n >= policy.performance.minLabelled,
    reason: null,
    metrics: {},
  };
  return performanceVerdict(judgement, policy) !== null;
}

const limits = new Map<string, number>();

/** Largest count of right predictions that still raises a finding; −1 when none does. Cached per policy run. */
function alarmLimit(n: number, baselineValue: number, policy: Policy): number {
  const key = `${n}:${baselineValue}`;
  const cached = limits.get(key);
  if (cached !== undefined) return cached;
  const limit = searchLimit(n, baselineValue, policy);
  limits.set(key, limit);
  return limit;
}

function searchLimit(n: number, baselineValue: number, policy: Policy): number {
  if (!accuracyAlarm(n, 0, baselineValue, policy)) return -1;
  let lo = 0;
  let hi = n;
  if (accuracyAlarm(n, hi, baselineValue, policy)) return n;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (accuracyAlarm(n, mid, baselineValue, policy)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** P(finding) for a window of n labelled rows at true rate q, the baseline of BASELINE_ROWS rows at true rate p. */
function accuracyAlarmRate(p: number, q: number, n: number, policy: Policy): number {
  const sd = Math.sqrt(BASELINE_ROWS * p * (1 - p));
  const from = Math.max(0, Math.floor(BASELINE_ROWS * p - 8 * sd));
  const to = Math.min(BASELINE_ROWS, Math.ceil(BASELINE_ROWS * p + 8 * sd));
  let rate = 0;
  for (let kb = from; kb <= to; kb++) {
    const w = Math.exp(logBinomialPmf(kb, BASELINE_ROWS, p));
    if (w < 1e-15) continue;
    rate += w * binomialCdf(alarmLimit(n, kb / BASELINE_ROWS, policy), n, q);
  }
  return rate;
}


function scoredRows(n: number, auc: number, uniform: () => number): LabelledPrediction[] {
  const mu = Math.SQRT2 * normalQuantile(auc);
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return Array.from({ length: n }, (_, i) => {
    const positive = uniform() < 0.3;
    const x = normal() + (positive ? mu : 0);
    return { eventId: String(i), eventTime: i, kind: 'number', number: 1 / (1 + Math.exp(-x)), class: null, probabilities: {}, label: positive ? 1 : 0 };
  });
}

function pct(x: number): string {
  if (x === 0) return '0';
  if (x < 1e-3) return x.toExponential(1);
  return `${(100 * x).toPrecision(3)} %`;
}

function accuracyTable(policy: Policy): string {
  limits.clear();
  const lines = [
    `confidence ${policy.performance.confidence}, minLabelled ${policy.performance.minLabelled}, tolerance 0.05 absolute (critical 0.1)`,
    '',
    '| baseline accuracy | labelled | false alarms / window | false incidents / 30 days | power, drop 0.05 | 0.1 | 0.2 |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const p of ACCURACIES) {
    for (const n of WINDOW_SIZES) {
      if (n < policy.performance.minLabelled) continue;
      const fa = accuracyAlarmRate(p, p, n, policy);
      const power = DROPS.map((d) => pct(accuracyAlarmRate(p, p - d, n, policy)));
      lines.push(`| ${p} | ${n} | ${pct(fa)} | ${(fa * WINDOWS_PER_30_DAYS).toPrecision(2)} | ${power.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

function aucTable(policy: Policy): string {
  const z = normalQuantile(1 - (1 - policy.performance.confidence) / 2);
  const lines = [
    `ROC AUC, confidence ${policy.performance.confidence}, tolerance 0.05 absolute; Monte Carlo windows per cell in brackets`,
    '',
    '| baseline AUC | labelled | false alarms (MC) | normal approx. / window | power, drop 0.05 | 0.1 | 0.2 |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const auc of [0.75, 0.9]) {
    const uniform = seededRandom(Math.round(auc * 1000)).uniform;
    const baselineRows = scoredRows(BASELINE_ROWS, auc, uniform);
    const base = judgePerformance(
      { modelId: 'm', modelVersion: '1', granularity: 'window', windowStart: 0, windowEnd: 1, rows: baselineRows, baselineId: null, now: 0 },
      mergePolicy({ performance: { minLabelled: 1, minCoverage: 0 } }),
    );
    const baseline = base.snapshot as PerformanceSnapshot;
    for (const n of WINDOW_SIZES) {
      if (n < policy.performance.minLabelled) continue;
      const windows = n >= 10_000 ? 200 : n >= 1000 ? 1000 : 3000;
      const rate = (trueAuc: number, se?: number[]) => {
        let alarms = 0;
        for (let w = 0; w < windows; w++) {
          const rows = scoredRows(n, trueAuc, uniform);
          const j = judgePerformance(
            { modelId: 'm', modelVersion: '1', granularity: 'window', windowStart: 0, windowEnd: 1, rows, baseline, baselineId: 'b', now: 0 },
            policy,
          );
          if (se && j.interval) se.push((j.interval.high - j.interval.low) / (2 * z));
          if (performanceVerdict(j, policy)) alarms++;
        }
        return alarms / windows;
      };
      const se: number[] = [];
      const fa = rate(auc, se);
      const sigma = se.reduce((a, b) => a + b, 0) / se.length;
      const approx = normalCdf(-0.05 - z * sigma, baseline.metrics.rocAuc! - auc, sigma);
      const power = DROPS.map((d) => pct(rate(auc - d)));
      lines.push(`| ${auc} (baseline ${baseline.metrics.rocAuc!.toFixed(3)}) | ${n} | ${pct(fa)} [${windows}] | ${pct(approx)} | ${power.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

describe('performance rule: false alarms and power', () => {
  it('prints the tables', { timeout: 3_600_000 }, () => {
    const candidates = (process.env.CONFIDENCES ?? String(DEFAULT_POLICY.performance.confidence)).split(',').map(Number);
    for (const confidence of candidates) {
      const policy = mergePolicy({ performance: { confidence, minCoverage: 0 } });
      process.stdout.write(`\n${accuracyTable(policy)}\n\n`);
      if (process.env.SKIP_AUC !== '1') process.stdout.write(`${aucTable(policy)}\n\n`);
    }
  });
});
