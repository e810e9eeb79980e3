import { defaultThreshold, type ColumnKind, type DriftMethod, type FeatureKind } from './method-registry';

/** A baseline up to this many rows is "small": the default decision then uses a test's p-value. */
export const SMALL_BASELINE_MAX_ROWS = 1000;

export interface DriftRule {
  method: DriftMethod;
  threshold: number;
}

/** A rule a user asked for; without a threshold the method's default applies. */
export interface RequestedRule {
  method: DriftMethod;
  threshold?: number | null;
}

/**
 * The default decision (docs/architecture.md): with a baseline of <= 1000 rows numeric -> KS p <= 0.05,
 * categorical -> chi-square p < 0.05; with more rows numeric -> normalised Wasserstein >= 0.1,
 * categorical -> Jensen–Shannon >= 0.1. `referenceRows` counts the baseline's rows (the
 * dataset's, as Evidently does), not one feature's non-missing values.
 */
export function defaultDriftRule(kind: ColumnKind, referenceRows: number): DriftRule {
  const small = referenceRows <= SMALL_BASELINE_MAX_ROWS;
  const method: DriftMethod = kind === 'numeric' ? (small ? 'ks' : 'wasserstein') : small ? 'chiSquare' : 'jensenShannon';
  return { method, threshold: defaultThreshold(method) };
}

/**
 * The rule deciding one feature: the first requested rule whose method `fits` (callers list
 * them most specific first: the feature's own, then one for a whole kind or every feature),
 * else the default. A request that does not fit is skipped rather than refused, because
 * a rule for "every feature" must not break the features it cannot judge. `request` is the
 * request chosen (undefined: the default), for callers that keep more than the rule in it.
 */
export function chooseDriftRule<R extends RequestedRule>(
  requests: readonly (R | undefined)[],
  fits: (method: DriftMethod) => boolean,
  kind: FeatureKind,
  referenceRows: number,
): { rule: DriftRule; request: R | undefined } {
  const request = requests.find((r): r is R => r !== undefined && fits(r.method));
  if (!request) return { rule: defaultDriftRule(kind === 'numeric' ? 'numeric' : 'categorical', referenceRows), request };
  return { rule: { method: request.method, threshold: request.threshold ?? defaultThreshold(request.method) }, request };
}
