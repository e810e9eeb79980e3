import type { MetricInterval, Severity } from '@driftwatch/contracts';
import type { Policy } from '../policy/policy.types';
import { metricInterval } from './metric-interval';
import { resolvePerformanceRule, ruleForMetric, type ResolvedPerformanceRule } from './metric-rules';
import { computePerformanceFromPairs, PerformanceInputError, readPairs, type ReadPairs } from './performance-snapshot';
import type { PerformanceJudgeInput, PerformanceJudgement, TaskShape } from './performance.types';
import { inferTask } from './task';

/**
 * Judges one window's (or rollup bucket's) labelled predictions against the baseline's own
 * performance.
 *
 * Not judged (judged: false, with a reason) when: a labelled row does not fit the task; fewer
 * than `minLabelled` rows are labelled; coverage (labelled / predicted) is below
 * `minCoverage`; the baseline has no performance; the watched metric is undefined in the
 * window or the baseline; or its interval is undefined (e.g. DeLong with one negative).
 *
 * The decision itself is performanceVerdict: a drop is significant only when both the value
 * and the whole interval are past the level the tolerance sets. The baseline's own sampling
 * error is ignored: it is computed from the baseline's rows (typically ten to a hundred times
 * a window's labels), so it adds ~1 % to the window's standard error at 100 labels, and when a
 * window is as large as the baseline both errors are small against the tolerance (0.05 is ~16
 * standard errors of an accuracy of 0.9 on 10 000 rows). The false-alarm simulation
 * (scripts/simulate-performance-noise.sim-run.ts) draws the baseline too, so its figures include it.
 */
export function judgePerformance(input: PerformanceJudgeInput, policy: Policy): PerformanceJudgement {
  const p = policy.performance;
  const predicted = input.rows.length;
  const labelled = input.rows.reduce((n, r) => n + (r.label === null ? 0 : 1), 0);
  const coverage = predicted === 0 ? 0 : labelled / predicted;
  const baseline = input.baseline;
  const hint: TaskShape | undefined = baseline ? { task: baseline.task, positiveClass: baseline.positiveClass, classes: baseline.classes } : undefined;
  const shape = inferTask(input.rows, p.task, hint);
  const scoredRows = input.rows.length > 0 && input.rows.every((r) => r.kind !== 'class');
  const rule = resolvePerformanceRule(p, shape, scoredRows);
  const baselineValue = baseline?.metrics[rule.metric] ?? null;
  const base = { predicted, labelled, coverage, metric: rule.metric, baselineValue };
  const notJudged = (reason: string, extra: Partial<PerformanceJudgement> = {}): PerformanceJudgement => ({
    ...base,
    snapshot: null,
    value: null,
    interval: null,
    metrics: {},
    ...extra,
    judged: false,
    reason,
  });

  let read: ReadPairs;
  try {
    read = readPairs(input.rows, shape);
  } catch (e) {
    if (e instanceof PerformanceInputError) return notJudged(`the labelled predictions do not fit a ${shape.task} task: ${e.message}`);
    throw e;
  }
  const snapshot = computePerformanceFromPairs(read, shape);
  const value = snapshot?.metrics[rule.metric] ?? null;
  const seen = { snapshot, value, metrics: snapshot?.metrics ?? {} };
  if (labelled < p.minLabelled) return notJudged(`${labelled} labelled predictions, fewer than minLabelled ${p.minLabelled}`, seen);
  if (coverage < p.minCoverage) return notJudged(`label coverage ${round(coverage)} is below minCoverage ${p.minCoverage}`, seen);
  if (!baseline) return notJudged('the baseline has no performance to compare with', seen);
  if (value === null) return notJudged(`${rule.metric} is undefined in the window`, seen);
  if (baselineValue === null) return notJudged(`${rule.metric} is undefined in the baseline`, seen);
  const interval = metricInterval(read, shape, rule.metric, p.confidence);
  if (interval === null) return notJudged(`the ${rule.metric} interval is undefined in the window`, seen);
  return { ...base, ...seen, interval, judged: true, reason: null };
}

/** The verdict of a judged window: the highest level crossed, and the metric value that level is at. */
export interface PerformanceVerdict {
  readonly severity: Severity;
  /** On the metric's scale: e.g. baseline − tolerance for accuracy, baseline × (1 + tolerance) for RMSE. */
  readonly threshold: number;
  readonly rule: ResolvedPerformanceRule;
}

/**
 * The value past which the metric has degraded by `amount`: baseline ∓ amount (absolute) or
 * baseline × (1 ∓ amount) (relative), − for a higher-is-better metric.
 */
export function degradationLevel(rule: Pick<ResolvedPerformanceRule, 'direction' | 'kind'>, baselineValue: number, amount: number): number {
  const sign = rule.direction === 'higher' ? -1 : 1;
  return rule.kind === 'absolute' ? baselineValue + sign * amount : baselineValue * (1 + sign * amount);
}

/**
 * Whether the value and the whole interval are past `level` on the bad side: for a
 * higher-is-better metric value < level and interval.high < level; mirrored (value > level,
 * interval.low > level) for a lower-is-better one. Strict, so a window exactly at the level is
 * not a drop.
 */
export function beyondLevel(direction: 'higher' | 'lower', value: number, interval: MetricInterval, level: number): boolean {
  return direction === 'higher' ? value < level && interval.high < level : value > level && interval.low > level;
}

/** The degradation a judged window shows (critical before warning); null when none, or when not judged. */
export function performanceVerdict(judgement: PerformanceJudgement, policy: Policy): PerformanceVerdict | null {
  const { value, baselineValue, interval } = judgement;
  if (!judgement.judged || value === null || baselineValue === null || interval === null) return null;
  const rule = ruleForMetric(judgement.metric, policy.performance);
  const critical = degradationLevel(rule, baselineValue, rule.critical);
  if (beyondLevel(rule.direction, value, interval, critical)) return { severity: 'critical', threshold: critical, rule };
  const warning = degradationLevel(rule, baselineValue, rule.tolerance);
  if (beyondLevel(rule.direction, value, interval, warning)) return { severity: 'warning', threshold: warning, rule };
  return null;
}

function round(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
