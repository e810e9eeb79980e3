import type { FeatureValue, InferenceEvent } from '../events/inference-event';
import { type ContractLimits, DEFAULT_CONTRACT_LIMITS } from './contract-limits';
import { checkFeatures, checkPrototypeKeys } from './feature-values.validator';
import { checkIdentifier } from './identifier.util';
import { checkPrediction } from './prediction.validator';
import { parseTimestamp } from './timestamp.util';
import { invalid, type ValidationResult } from './validation-result';
import { isPlainObject, kindOf } from './value-kind.util';

/**
 * Checks a decoded inference event and returns it normalised: timestamp in epoch ms,
 * a null prediction dropped. Unknown top-level fields are ignored and left out of the
 * result: producers may add their own fields (request ids, latencies) without being
 * rejected, just as Avro schema resolution drops writer fields the reader does not know.
 * Every problem is reported, not only the first, so a producer can fix them in one go.
 */
export function validateInferenceEvent(
  value: unknown,
  limits: Readonly<ContractLimits> = DEFAULT_CONTRACT_LIMITS,
): ValidationResult<InferenceEvent> {
  if (!isPlainObject(value)) return invalid([`expected an object, got ${kindOf(value)}`]);
  const issues: string[] = [];
  checkPrototypeKeys(value, '', issues);
  const { eventId, modelId, modelVersion, features, prediction } = value;
  checkIdentifier(eventId, 'eventId', limits.maxIdLength, issues);
  checkIdentifier(modelId, 'modelId', limits.maxIdLength, issues);
  checkIdentifier(modelVersion, 'modelVersion', limits.maxIdLength, issues);
  let timestamp = 0;
  if (value.timestamp === undefined) issues.push('timestamp: required');
  else {
    const parsed = parseTimestamp(value.timestamp);
    if (parsed.ok) timestamp = parsed.ms;
    else issues.push(`timestamp: ${parsed.message}`);
  }
  checkFeatures(features, limits, issues);
  checkPrediction(prediction, limits, issues);
  if (issues.length > 0) return invalid(issues);
  const event: InferenceEvent = {
    eventId: eventId as string,
    modelId: modelId as string,
    modelVersion: modelVersion as string,
    timestamp,
    features: features as Record<string, FeatureValue>,
  };
  if (prediction !== undefined && prediction !== null) event.prediction = prediction as InferenceEvent['prediction'];
  return { ok: true, value: event };
}
