import { defaultDriftRule } from '@driftwatch/stats';
import { isPValueMethod, methodFits, type JudgedKind } from '../policy/method-kind.util';
import type { Policy, StreamingMethod } from '../policy/policy.types';

export interface ResolvedDriftRule {
  method: StreamingMethod;
  /** Drift when the decision value crosses it: the warning level. */
  threshold: number;
  critical: number;
}

/** PSI's customary levels are 0.1 / 0.25; the other distances default to 0.1 as the default rule's Wasserstein/JS. */
const DEFAULT_DISTANCE_THRESHOLD = 0.1;
const DEFAULT_P_VALUE_THRESHOLD = 0.05;
/** critical = 2.5 × threshold for distances (PSI 0.1 → 0.25), threshold / 50 for p-values (0.05 → 0.001). */
const DISTANCE_CRITICAL_FACTOR = 2.5;
const P_VALUE_CRITICAL_DIVISOR = 50;

export function defaultThreshold(method: StreamingMethod): number {
  return isPValueMethod(method) ? DEFAULT_P_VALUE_THRESHOLD : DEFAULT_DISTANCE_THRESHOLD;
}

export function defaultCritical(method: StreamingMethod, threshold: number): number {
  return isPValueMethod(method) ? threshold / P_VALUE_CRITICAL_DIVISOR : threshold * DISTANCE_CRITICAL_FACTOR;
}

/**
 * The rule judging one feature: the feature's own method (when it fits the feature's kind),
 * else its kind's section (`drift.numeric`, or `drift.categorical` for categorical and
 * boolean features), else the default decision (libs/stats defaultDriftRule) for the baseline's row count.
 */
export function resolveDriftRule(feature: string, kind: JudgedKind, baselineRows: number, policy: Policy): ResolvedDriftRule {
  const own = policy.features[feature];
  if (own?.method !== undefined && methodFits(own.method, kind)) {
    return complete(own.method, own.threshold ?? null, own.critical ?? null);
  }
  const section = policy.drift[kind === 'numeric' ? 'numeric' : 'categorical'];
  if (section.method !== 'auto' && methodFits(section.method, kind)) return complete(section.method, section.threshold, section.critical);
  const auto = defaultDriftRule(kind === 'numeric' ? 'numeric' : 'categorical', baselineRows);
  return complete(auto.method as StreamingMethod, auto.threshold, null);
}

function complete(method: StreamingMethod, threshold: number | null, critical: number | null): ResolvedDriftRule {
  const t = threshold ?? defaultThreshold(method);
  return { method, threshold: t, critical: critical ?? defaultCritical(method, t) };
}

/** The metric holding a method's decision value. */
export function decisionMetric(method: StreamingMethod): string {
  return isPValueMethod(method) ? `${method}PValue` : method;
}

/**
 * Drift when the decision value crosses `level`: p-values below it (KS: at or below, as
 * Evidently and stats' exceedsThreshold), distances at or above it. Null never crosses.
 */
export function crosses(method: StreamingMethod, value: number | null, level: number): boolean {
  if (value === null) return false;
  if (!isPValueMethod(method)) return value >= level;
  return method === 'ks' ? value <= level : value < level;
}
