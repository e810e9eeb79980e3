import type { ContractLimits } from './contract-limits';
import { abbreviate, kindOf } from './value-kind.util';

/**
 * Feature names Driftwatch itself uses: the model's prediction is kept as the baseline feature
 * "@prediction" (libs/stats PREDICTION_FEATURE), so an event feature of that name is refused
 * rather than silently mixed with the prediction.
 */
export const RESERVED_FEATURE_NAMES: readonly string[] = Object.freeze(['@prediction']);
const RESERVED = new Set(RESERVED_FEATURE_NAMES);

/**
 * Keys JavaScript gives a meaning on every object. Driftwatch itself keeps them as data, but a
 * producer sending them as names is almost surely probing for prototype pollution, and many
 * tools downstream (dashboards, notebooks, exporters) are not as careful: refused by name.
 */
export const PROTOTYPE_KEYS: readonly string[] = Object.freeze(['__proto__', 'constructor', 'prototype']);
const PROTOTYPE = new Set(PROTOTYPE_KEYS);

/** A cheap first look before the set (every prototype name starts with '_', 'c' or 'p'). */
function mayBePrototypeName(name: string): boolean {
  const first = name.charCodeAt(0);
  return first === 95 || first === 99 || first === 112;
}

/** Pushes an issue for each own key of `value` that is a prototype name; `path` prefixes it. */
export function checkPrototypeKeys(value: object, path: string, issues: string[]): void {
  for (const key of PROTOTYPE_KEYS) {
    if (Object.prototype.hasOwnProperty.call(value, key)) issues.push(`${path}${key}: a prototype name is not allowed as a key`);
  }
}

/** Checks the `features` map in place (no copy: this runs for every event). */
export function checkFeatures(value: unknown, limits: ContractLimits, issues: string[]): boolean {
  if (value === undefined || value === null) {
    issues.push('features: required');
    return false;
  }
  if (typeof value !== 'object' || Array.isArray(value) || Buffer.isBuffer(value)) {
    issues.push(`features: expected an object of feature name to value, got ${kindOf(value)}`);
    return false;
  }
  const features = value as Record<string, unknown>;
  const names = Object.keys(features);
  if (names.length > limits.maxFeatures) {
    // Checking each of thousands of features would only make the reason longer.
    issues.push(`features: too many features: ${names.length} > ${limits.maxFeatures}`);
    return false;
  }
  const before = issues.length;
  for (const name of names) {
    const v = features[name];
    if (name.length === 0) {
      issues.push('features: feature name must not be empty');
    } else if (mayBePrototypeName(name) && PROTOTYPE.has(name)) {
      issues.push(`features.${name}: a prototype name is not allowed as a feature name`);
    } else if (name.charCodeAt(0) === 64 /* '@' */ && RESERVED.has(name)) {
      issues.push(`features.${name}: the name is reserved for the model's prediction (send it as "prediction")`);
    } else if (name.length > limits.maxFeatureNameLength) {
      issues.push(
        `features.${abbreviate(name)}: feature name longer than ${limits.maxFeatureNameLength} characters (${name.length})`,
      );
    }
    switch (typeof v) {
      case 'number':
        if (!Number.isFinite(v)) issues.push(`features.${abbreviate(name)}: expected a finite number, got ${v}`);
        break;
      case 'string':
        if (v.length > limits.maxStringValueLength) {
          issues.push(
            `features.${abbreviate(name)}: string value longer than ${limits.maxStringValueLength} characters (${v.length})`,
          );
        }
        break;
      case 'boolean':
        break;
      default:
        if (v !== null) issues.push(`features.${abbreviate(name)}: expected number|string|boolean|null, got ${kindOf(v)}`);
    }
  }
  return issues.length === before;
}
