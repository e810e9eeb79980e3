import type { Prediction } from '../events/inference-event';
import type { ContractLimits } from './contract-limits';
import { PROTOTYPE_KEYS } from './feature-values.validator';
import { abbreviate, kindOf } from './value-kind.util';

const EXPECTED = 'expected number|string|map of class to number';

/** Checks an optional prediction; `null` and absent both mean "no prediction". */
export function checkPrediction(value: unknown, limits: ContractLimits, issues: string[]): value is Prediction | undefined {
  if (value === undefined || value === null) return true;
  switch (typeof value) {
    case 'number':
      if (Number.isFinite(value)) return true;
      issues.push(`prediction: expected a finite number, got ${value}`);
      return false;
    case 'string':
      if (value.length <= limits.maxStringValueLength) return true;
      issues.push(`prediction: string value longer than ${limits.maxStringValueLength} characters (${value.length})`);
      return false;
    case 'object':
      if (!Array.isArray(value) && !Buffer.isBuffer(value)) return checkClassMap(value as Record<string, unknown>, limits, issues);
  }
  issues.push(`prediction: ${EXPECTED}, got ${kindOf(value)}`);
  return false;
}

function checkClassMap(map: Record<string, unknown>, limits: ContractLimits, issues: string[]): boolean {
  const classes = Object.keys(map);
  if (classes.length > limits.maxPredictionClasses) {
    issues.push(`prediction: too many classes: ${classes.length} > ${limits.maxPredictionClasses}`);
    return false;
  }
  const before = issues.length;
  for (const name of classes) {
    const p = map[name];
    if (name.length === 0) issues.push('prediction: class name must not be empty');
    else if (PROTOTYPE_KEYS.includes(name)) issues.push(`prediction.${name}: a prototype name is not allowed as a class name`);
    else if (name.length > limits.maxStringValueLength) {
      issues.push(`prediction.${abbreviate(name)}: class name longer than ${limits.maxStringValueLength} characters`);
    }
    if (typeof p !== 'number') issues.push(`prediction.${abbreviate(name)}: expected number, got ${kindOf(p)}`);
    else if (!Number.isFinite(p)) issues.push(`prediction.${abbreviate(name)}: expected a finite number, got ${p}`);
  }
  return issues.length === before;
}
