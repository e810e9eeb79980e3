import { chooseDriftRule, isDriftMethod, isPValueMethod, methodAppliesTo, type ColumnKind, type DriftMethod, type DriftRule } from '../decision';

/** Feature name that applies an override to every feature it fits (a named feature's own override wins). */
export const ALL_FEATURES = '*';

/** `feature:method=value`: decide `feature` with `method` against `value`. */
export interface ThresholdOverride {
  feature: string;
  method: DriftMethod;
  threshold: number;
}

/** A threshold specification or set of overrides that cannot be used; the message is one line. */
export class ThresholdSpecError extends Error {
  override readonly name = 'ThresholdSpecError';
}

/**
 * Parses `feature:method=value`, e.g. `income:psi=0.2` or `*:ks=0.01`. The feature name may
 * itself hold ':' (the last ':' before '=' separates the method). p-value thresholds must lie
 * in [0, 1], distance thresholds must be finite and >= 0.
 */
export function parseThresholdOverride(spec: string): ThresholdOverride {
  const eq = spec.lastIndexOf('=');
  const colon = eq < 0 ? -1 : spec.lastIndexOf(':', eq);
  if (eq < 0 || colon <= 0) {
    throw new ThresholdSpecError(`bad threshold ${JSON.stringify(spec)}: expected feature:method=value, e.g. income:psi=0.2`);
  }
  const feature = spec.slice(0, colon);
  const method = spec.slice(colon + 1, eq).trim();
  const rawValue = spec.slice(eq + 1).trim();
  if (!isDriftMethod(method)) {
    throw new ThresholdSpecError(`bad threshold ${JSON.stringify(spec)}: unknown method ${JSON.stringify(method)}`);
  }
  const threshold = rawValue === '' ? NaN : Number(rawValue);
  if (!Number.isFinite(threshold) || threshold < 0 || (isPValueMethod(method) && threshold > 1)) {
    const range = isPValueMethod(method) ? 'a p-value between 0 and 1' : 'a finite number >= 0';
    throw new ThresholdSpecError(`bad threshold ${JSON.stringify(spec)}: ${method} needs ${range}`);
  }
  return { feature, method, threshold };
}

/**
 * Checks a set of overrides against the features at hand, so a typo fails instead of being
 * silently ignored: every named feature must exist, its method must fit the feature's kind,
 * and no feature (nor `*`) may be given twice for the same kind of decision.
 */
export function validateOverrides(overrides: readonly ThresholdOverride[], features: ReadonlyMap<string, ColumnKind>): void {
  const seen = new Set<string>();
  for (const o of overrides) {
    if (seen.has(o.feature)) throw new ThresholdSpecError(`threshold for ${JSON.stringify(o.feature)} given more than once`);
    seen.add(o.feature);
    if (o.feature === ALL_FEATURES) {
      if (![...features.values()].some((kind) => methodAppliesTo(o.method, kind))) {
        throw new ThresholdSpecError(`threshold *:${o.method} fits no feature of this data`);
      }
      continue;
    }
    const kind = features.get(o.feature);
    if (kind === undefined) throw new ThresholdSpecError(`threshold names unknown feature ${JSON.stringify(o.feature)}`);
    if (!methodAppliesTo(o.method, kind)) {
      throw new ThresholdSpecError(`threshold ${o.feature}:${o.method}: ${o.method} does not apply to ${kind} feature ${JSON.stringify(o.feature)}`);
    }
  }
}

/**
 * The rule deciding one feature: its own override, else a fitting `*` override, else the
 * default. validateOverrides has already refused an own override that does not fit.
 */
export function resolveDriftRule(
  feature: string,
  kind: ColumnKind,
  referenceRows: number,
  overrides: readonly ThresholdOverride[] = [],
): DriftRule {
  const own = feature === ALL_FEATURES ? undefined : overrides.find((o) => o.feature === feature);
  const all = overrides.filter((o) => o.feature === ALL_FEATURES);
  return chooseDriftRule([own, ...all], (method) => methodAppliesTo(method, kind), kind, referenceRows).rule;
}
