import type { LabelEvent } from '../events/label-event';
import { type ContractLimits, DEFAULT_CONTRACT_LIMITS } from './contract-limits';
import { checkIdentifier } from './identifier.util';
import { parseTimestamp } from './timestamp.util';
import { invalid, type ValidationResult } from './validation-result';
import { isPlainObject, kindOf } from './value-kind.util';

/** Checks a decoded label; same conventions as validateInferenceEvent. */
export function validateLabelEvent(
  value: unknown,
  limits: Readonly<ContractLimits> = DEFAULT_CONTRACT_LIMITS,
): ValidationResult<LabelEvent> {
  if (!isPlainObject(value)) return invalid([`expected an object, got ${kindOf(value)}`]);
  const issues: string[] = [];
  const { eventId, modelId, label } = value;
  checkIdentifier(eventId, 'eventId', limits.maxIdLength, issues);
  checkIdentifier(modelId, 'modelId', limits.maxIdLength, issues);
  let timestamp = 0;
  if (value.timestamp === undefined) issues.push('timestamp: required');
  else {
    const parsed = parseTimestamp(value.timestamp);
    if (parsed.ok) timestamp = parsed.ms;
    else issues.push(`timestamp: ${parsed.message}`);
  }
  if (label === undefined) issues.push('label: required');
  else if (typeof label === 'number') {
    if (!Number.isFinite(label)) issues.push(`label: expected a finite number, got ${label}`);
  } else if (typeof label === 'string') {
    if (label.length > limits.maxStringValueLength) {
      issues.push(`label: string value longer than ${limits.maxStringValueLength} characters (${label.length})`);
    }
  } else if (typeof label !== 'boolean') {
    issues.push(`label: expected number|string|boolean, got ${kindOf(label)}`);
  }
  if (issues.length > 0) return invalid(issues);
  return {
    ok: true,
    value: { eventId: eventId as string, modelId: modelId as string, timestamp, label: label as LabelEvent['label'] },
  };
}
