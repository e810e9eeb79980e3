import { DEFAULT_POLICY } from './default-policy';
import type { FeaturePolicy, Policy, PolicyOverrides } from './policy.types';

/**
 * The effective policy: `overrides` merged section by section onto `defaults` (a field left
 * out keeps its default; `features` are merged by name). Pure; the inputs are not modified.
 * Call validatePolicy first on untrusted input.
 */
export function mergePolicy(overrides: PolicyOverrides | null | undefined, defaults: Readonly<Policy> = DEFAULT_POLICY): Policy {
  const merged = structuredClone(defaults) as Policy;
  if (!overrides) return merged;
  const target = merged as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (key === 'features') {
      merged.features = mergeFeatures(merged.features, value as Record<string, FeaturePolicy>);
    } else if (key === 'drift') {
      const drift = value as PolicyOverrides['drift'] & object;
      merged.drift = {
        numeric: { ...merged.drift.numeric, ...defined(drift.numeric) },
        categorical: { ...merged.drift.categorical, ...defined(drift.categorical) },
        // null is a value here (calibration off), not "left out".
        falseAlarmRate: drift.falseAlarmRate === undefined ? merged.drift.falseAlarmRate : drift.falseAlarmRate,
        maxCategories: drift.maxCategories ?? merged.drift.maxCategories,
      };
    } else if (typeof value === 'object' && value !== null) {
      target[key] = { ...(target[key] as object), ...defined(value as Record<string, unknown>) };
    } else {
      target[key] = value;
    }
  }
  return merged;
}

function mergeFeatures(base: Record<string, FeaturePolicy>, extra: Record<string, FeaturePolicy>): Record<string, FeaturePolicy> {
  // Prototype-less: a feature named "__proto__" is an ordinary key.
  const out = Object.assign(Object.create(null) as Record<string, FeaturePolicy>, base);
  for (const [name, f] of Object.entries(extra)) out[name] = { ...out[name], ...defined(f) };
  return out;
}

function defined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
