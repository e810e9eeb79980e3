import { chooseDriftRule, isPValueMethod, methodFits, type FeatureKind } from '@driftwatch/stats';
import type { Policy, StreamingMethod } from '../policy/policy.types';

export { defaultThreshold } from '@driftwatch/stats';

export interface ResolvedDriftRule {
  method: StreamingMethod;
  /** Drift when the decision value crosses it: the warning level. */
  threshold: number;
  critical: number;
}

/** critical = 2.5 × threshold for distances (PSI 0.1 → 0.25), threshold / 50 for p-values (0.05 → 0.001). */
const DISTANCE_CRITICAL_FACTOR = 2.5;
const P_VALUE_CRITICAL_DIVISOR = 50;

export function defaultCritical(method: StreamingMethod, threshold: number): number {
  return isPValueMethod(method) ? threshold / P_VALUE_CRITICAL_DIVISOR : threshold * DISTANCE_CRITICAL_FACTOR;
}

/**
 * The rule judging one feature: the feature's own method (when it fits the feature's kind),
 * else its kind's section (`drift.numeric`, or `drift.categorical` for categorical and
 * boolean features), else the default decision (libs/stats defaultDriftRule) for the baseline's row count.
 */
export function resolveDriftRule(feature: string, kind: FeatureKind, baselineRows: number, policy: Policy): ResolvedDriftRule {
  const own = policy.features[feature];
  const section = policy.drift[kind === 'numeric' ? 'numeric' : 'categorical'];
  const { rule, request } = chooseDriftRule(
    [
      own?.method === undefined ? undefined : { method: own.method, threshold: own.threshold, critical: own.critical },
      section.method === 'auto' ? undefined : { method: section.method, threshold: section.threshold, critical: section.critical },
    ],
    (method) => methodFits(method, kind),
    kind,
    baselineRows,
  );
  // Every method a policy or the default names can be computed from histograms.
  const method = rule.method as StreamingMethod;
  return { method, threshold: rule.threshold, critical: request?.critical ?? defaultCritical(method, rule.threshold) };
}

/** The metric holding a method's decision value. */
export function decisionMetric(method: StreamingMethod): string {
  return isPValueMethod(method) ? `${method}PValue` : method;
}
