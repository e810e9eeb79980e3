import {
  WINDOW_CLOSE_REASONS,
  WINDOW_CLOSED_SCHEMA_VERSION,
  type WindowCloseReason,
  type WindowClosedMessage,
} from '../events/window-closed';
import { type ContractLimits, DEFAULT_CONTRACT_LIMITS } from './contract-limits';
import { checkIdentifier } from './identifier.util';
import { invalid, type ValidationResult } from './validation-result';
import { isPlainObject, kindOf } from './value-kind.util';

/** Checks an internal driftwatch.windows message; times are epoch ms numbers only (we write them). */
export function validateWindowClosed(
  value: unknown,
  limits: Readonly<ContractLimits> = DEFAULT_CONTRACT_LIMITS,
): ValidationResult<WindowClosedMessage> {
  if (!isPlainObject(value)) return invalid([`expected an object, got ${kindOf(value)}`]);
  const issues: string[] = [];
  const v = value;
  if (v.schemaVersion !== WINDOW_CLOSED_SCHEMA_VERSION) {
    issues.push(
      v.schemaVersion === undefined
        ? 'schemaVersion: required'
        : `schemaVersion: unsupported version ${JSON.stringify(v.schemaVersion)}, expected ${WINDOW_CLOSED_SCHEMA_VERSION}`,
    );
  }
  checkIdentifier(v.modelId, 'modelId', limits.maxIdLength, issues);
  checkIdentifier(v.modelVersion, 'modelVersion', limits.maxIdLength, issues);
  const start = checkCount(v.windowStart, 'windowStart', issues);
  const end = checkCount(v.windowEnd, 'windowEnd', issues);
  if (start && end && (v.windowEnd as number) <= (v.windowStart as number)) {
    issues.push(`windowEnd: must be after windowStart (${v.windowEnd} <= ${v.windowStart})`);
  }
  const events = checkCount(v.eventCount, 'eventCount', issues);
  const late = checkCount(v.lateCount, 'lateCount', issues);
  if (events && late && (v.lateCount as number) > (v.eventCount as number)) {
    issues.push(`lateCount: must not exceed eventCount (${v.lateCount} > ${v.eventCount})`);
  }
  checkCount(v.closedAt, 'closedAt', issues);
  if (v.reason === undefined) issues.push('reason: required');
  else if (!(WINDOW_CLOSE_REASONS as readonly unknown[]).includes(v.reason)) {
    issues.push(`reason: expected one of ${WINDOW_CLOSE_REASONS.join('|')}, got ${JSON.stringify(v.reason)}`);
  }
  if (issues.length > 0) return invalid(issues);
  return {
    ok: true,
    value: {
      schemaVersion: WINDOW_CLOSED_SCHEMA_VERSION,
      modelId: v.modelId as string,
      modelVersion: v.modelVersion as string,
      windowStart: v.windowStart as number,
      windowEnd: v.windowEnd as number,
      eventCount: v.eventCount as number,
      lateCount: v.lateCount as number,
      closedAt: v.closedAt as number,
      reason: v.reason as WindowCloseReason,
    },
  };
}

/** Epoch ms and counts alike: a non-negative integer JavaScript holds exactly. */
function checkCount(value: unknown, path: string, issues: string[]): boolean {
  if (value === undefined) issues.push(`${path}: required`);
  else if (typeof value !== 'number') issues.push(`${path}: expected a non-negative integer, got ${kindOf(value)}`);
  else if (!Number.isSafeInteger(value) || value < 0) issues.push(`${path}: expected a non-negative integer, got ${value}`);
  else return true;
  return false;
}
