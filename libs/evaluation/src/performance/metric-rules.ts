import type { PerformancePolicy } from '../policy/policy.types';
import type { TaskShape } from './performance.types';

/**
 * How each flat performance metric is judged:
 * - `direction`: whether a higher value is better (accuracy, AUC, R², …) or worse (errors,
 *   losses, calibration error);
 * - `tolerance`: the default size of a drop that matters, `absolute` on the metric's own
 *   scale (0.05 for [0, 1] scores: five points of accuracy or AUC) or `relative` to the
 *   baseline's value (0.1: an error 10 % above the baseline's), for metrics whose scale is the
 *   target's unit (MAE, RMSE, error quantiles) or has no natural unit (log loss, Brier, MAPE).
 *   ECE is an error but a share in [0, 1] whose baseline is often near 0, where a relative
 *   tolerance would flag tiny moves; it takes the absolute 0.05. R² is a higher-is-better score
 *   judged on the absolute scale too.
 * A policy `tolerance` / `critical` replaces the numbers but keeps the metric's kind.
 */
export type MetricDirection = 'higher' | 'lower';
export type ToleranceKind = 'absolute' | 'relative';

export interface MetricRule {
  readonly direction: MetricDirection;
  readonly kind: ToleranceKind;
  readonly tolerance: number;
}

const SCORE: MetricRule = { direction: 'higher', kind: 'absolute', tolerance: 0.05 };
const ERROR: MetricRule = { direction: 'lower', kind: 'relative', tolerance: 0.1 };

export const METRIC_RULES: Readonly<Record<string, MetricRule>> = Object.freeze({
  accuracy: SCORE,
  precision: SCORE,
  recall: SCORE,
  f1: SCORE,
  macroPrecision: SCORE,
  macroRecall: SCORE,
  macroF1: SCORE,
  rocAuc: SCORE,
  averagePrecision: SCORE,
  logLoss: ERROR,
  brier: ERROR,
  ece: { direction: 'lower', kind: 'absolute', tolerance: 0.05 },
  mae: ERROR,
  rmse: ERROR,
  mape: ERROR,
  r2: SCORE,
  absErrorP50: ERROR,
  absErrorP90: ERROR,
  absErrorP99: ERROR,
});

/** Every metric a policy may watch ('auto' aside). */
export const PERFORMANCE_METRIC_NAMES: readonly string[] = Object.keys(METRIC_RULES);

const REGRESSION_ONLY: ReadonlySet<string> = new Set(['mae', 'rmse', 'mape', 'r2', 'absErrorP50', 'absErrorP90', 'absErrorP99']);

/** The metrics of a regression model; every other name belongs to classification. */
export function isRegressionMetric(name: string): boolean {
  return REGRESSION_ONLY.has(name);
}

export function isPerformanceMetric(name: string): boolean {
  return Object.hasOwn(METRIC_RULES, name);
}

export function metricRule(name: string): MetricRule {
  const rule = isPerformanceMetric(name) ? METRIC_RULES[name] : undefined;
  if (!rule) throw new RangeError(`unknown performance metric ${JSON.stringify(name)} (expected one of ${PERFORMANCE_METRIC_NAMES.join(', ')})`);
  return rule;
}

/**
 * The metric `metric: 'auto'` watches: ROC AUC for a binary model with scores (it judges the
 * ranking, whatever the threshold), accuracy for class-only binary and multiclass models, RMSE
 * for regression.
 */
export function defaultMetric(shape: TaskShape, scored: boolean): string {
  if (shape.task === 'regression') return 'rmse';
  return shape.task === 'binary' && scored ? 'rocAuc' : 'accuracy';
}

/** The watched metric with its tolerance and critical level (on the scale its kind says). */
export interface ResolvedPerformanceRule extends MetricRule {
  readonly metric: string;
  readonly critical: number;
}

export function resolvePerformanceRule(policy: PerformancePolicy, shape: TaskShape, scored: boolean): ResolvedPerformanceRule {
  return ruleForMetric(policy.metric === 'auto' ? defaultMetric(shape, scored) : policy.metric, policy);
}

/** A named metric's rule with the policy's tolerance and critical level (defaults where null). */
export function ruleForMetric(metric: string, policy: Pick<PerformancePolicy, 'tolerance' | 'critical'>): ResolvedPerformanceRule {
  const rule = metricRule(metric);
  const tolerance = policy.tolerance ?? rule.tolerance;
  return { ...rule, metric, tolerance, critical: policy.critical ?? 2 * tolerance };
}
