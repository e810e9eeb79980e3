import type { FeatureSideSummary, Finding } from '../events/evaluation';
import { INCIDENT_GRANULARITIES, INCIDENT_SCHEMA_VERSION, type IncidentEvent, type IncidentEventType } from '../events/incident';
import { INCIDENT_KINDS, SEVERITIES, type IncidentKind, type Severity } from '../events/incident-kind';
import { type ContractLimits, DEFAULT_CONTRACT_LIMITS } from './contract-limits';
import { checkIdentifier } from './identifier.util';
import { invalid, type ValidationResult } from './validation-result';
import { isPlainObject, kindOf } from './value-kind.util';

export const INCIDENT_EVENT_TYPES: readonly IncidentEventType[] = ['opened', 'updated', 'resolved'];
const STATUSES = ['open', 'resolved'] as const;
/** Evidence is for people; a message or a JSON details blob longer than this is a bug upstream. */
const MAX_TEXT_LENGTH = 64 * 1024;

/**
 * Checks a driftwatch.incidents message (we write it; webhooks and other consumers read it) and
 * returns it normalised: absent optional fields omitted rather than null. `evidence.details` is
 * accepted as an object (JSON form) or as JSON text (the Avro form carries it so).
 */
export function validateIncidentEvent(
  value: unknown,
  limits: Readonly<ContractLimits> = DEFAULT_CONTRACT_LIMITS,
): ValidationResult<IncidentEvent> {
  if (!isPlainObject(value)) return invalid([`expected an object, got ${kindOf(value)}`]);
  const issues: string[] = [];
  const v = value;
  if (v.schemaVersion !== INCIDENT_SCHEMA_VERSION) {
    issues.push(
      v.schemaVersion === undefined
        ? 'schemaVersion: required'
        : `schemaVersion: unsupported version ${JSON.stringify(v.schemaVersion)}, expected ${INCIDENT_SCHEMA_VERSION}`,
    );
  }
  checkOneOf(v.eventType, 'eventType', INCIDENT_EVENT_TYPES, issues);
  checkIdentifier(v.incidentId, 'incidentId', limits.maxIdLength, issues);
  checkIdentifier(v.modelId, 'modelId', limits.maxIdLength, issues);
  checkIdentifier(v.modelVersion, 'modelVersion', limits.maxIdLength, issues);
  checkOneOf(v.kind, 'kind', INCIDENT_KINDS, issues);
  checkFeature(v.feature, 'feature', limits, issues);
  checkOneOf(v.severity, 'severity', SEVERITIES, issues);
  checkOneOf(v.status, 'status', STATUSES, issues);
  for (const field of ['openedAt', 'updatedAt', 'windowStart', 'windowEnd', 'badWindows'] as const) checkCount(v[field], field, issues);
  if (v.resolvedAt !== null && v.resolvedAt !== undefined) checkCount(v.resolvedAt, 'resolvedAt', issues);
  if (v.status === 'resolved' && (v.resolvedAt === null || v.resolvedAt === undefined)) issues.push('resolvedAt: required when status is resolved');
  if (v.status === 'open' && v.resolvedAt !== null && v.resolvedAt !== undefined) issues.push('resolvedAt: must be null while status is open');
  if (typeof v.windowStart === 'number' && typeof v.windowEnd === 'number' && v.windowEnd <= v.windowStart) {
    issues.push(`windowEnd: must be after windowStart (${v.windowEnd} <= ${v.windowStart})`);
  }
  // Optional (older producers did not send it); null, the Avro default, means absent.
  if (v.granularity !== null && v.granularity !== undefined) checkOneOf(v.granularity, 'granularity', INCIDENT_GRANULARITIES, issues);
  const evidence = checkFinding(v.evidence, 'evidence', limits, issues);
  if (issues.length > 0 || !evidence) return invalid(issues);
  const event: IncidentEvent = {
    schemaVersion: INCIDENT_SCHEMA_VERSION,
    eventType: v.eventType as IncidentEventType,
    incidentId: v.incidentId as string,
    modelId: v.modelId as string,
    modelVersion: v.modelVersion as string,
    kind: v.kind as IncidentKind,
    feature: (v.feature ?? null) as string | null,
    severity: v.severity as Severity,
    status: v.status as IncidentEvent['status'],
    openedAt: v.openedAt as number,
    updatedAt: v.updatedAt as number,
    resolvedAt: (v.resolvedAt ?? null) as number | null,
    windowStart: v.windowStart as number,
    windowEnd: v.windowEnd as number,
    evidence,
    badWindows: v.badWindows as number,
  };
  if (v.granularity !== null && v.granularity !== undefined) event.granularity = v.granularity as IncidentEvent['granularity'];
  return { ok: true, value: event };
}

function checkFinding(value: unknown, path: string, limits: Readonly<ContractLimits>, issues: string[]): Finding | undefined {
  if (!isPlainObject(value)) {
    issues.push(`${path}: expected an object, got ${kindOf(value)}`);
    return undefined;
  }
  const before = issues.length;
  checkOneOf(value.kind, `${path}.kind`, INCIDENT_KINDS, issues);
  checkFeature(value.feature, `${path}.feature`, limits, issues);
  checkOneOf(value.severity, `${path}.severity`, SEVERITIES, issues);
  checkText(value.metric, `${path}.metric`, issues);
  if (value.value !== null && value.value !== undefined) checkFinite(value.value, `${path}.value`, issues);
  checkFinite(value.threshold, `${path}.threshold`, issues);
  checkText(value.message, `${path}.message`, issues);
  const baseline = optionalSummary(value.baseline, `${path}.baseline`, issues);
  const current = optionalSummary(value.current, `${path}.current`, issues);
  const details = optionalDetails(value.details, `${path}.details`, issues);
  if (issues.length > before) return undefined;
  const finding: Finding = {
    kind: value.kind as IncidentKind,
    feature: (value.feature ?? null) as string | null,
    severity: value.severity as Severity,
    metric: value.metric as string,
    value: (value.value ?? null) as number | null,
    threshold: value.threshold as number,
    message: value.message as string,
  };
  if (baseline) finding.baseline = baseline;
  if (current) finding.current = current;
  if (details) finding.details = details;
  return finding;
}

function optionalSummary(value: unknown, path: string, issues: string[]): FeatureSideSummary | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isPlainObject(value)) {
    issues.push(`${path}: expected an object, got ${kindOf(value)}`);
    return undefined;
  }
  const before = issues.length;
  checkCount(value.count, `${path}.count`, issues);
  checkFinite(value.missingRate, `${path}.missingRate`, issues);
  const summary: FeatureSideSummary = { count: value.count as number, missingRate: value.missingRate as number };
  if (value.typeErrors !== null && value.typeErrors !== undefined) {
    if (checkCount(value.typeErrors, `${path}.typeErrors`, issues)) summary.typeErrors = value.typeErrors as number;
  }
  for (const field of ['min', 'max', 'mean', 'median'] as const) {
    const x = value[field];
    // null ("not computable") and absent mean the same and both come back absent, so the JSON
    // and Avro forms of one event decode to the same value.
    if (x === undefined || x === null) continue;
    if (checkFinite(x, `${path}.${field}`, issues)) summary[field] = x as number;
  }
  if (value.topCategories !== null && value.topCategories !== undefined) {
    if (!isPlainObject(value.topCategories)) issues.push(`${path}.topCategories: expected an object, got ${kindOf(value.topCategories)}`);
    else {
      for (const [name, share] of Object.entries(value.topCategories)) checkFinite(share, `${path}.topCategories[${JSON.stringify(name)}]`, issues);
      summary.topCategories = value.topCategories as Record<string, number>;
    }
  }
  return issues.length > before ? undefined : summary;
}

function optionalDetails(value: unknown, path: string, issues: string[]): Record<string, unknown> | undefined {
  if (value === null || value === undefined) return undefined;
  let parsed = value;
  if (typeof value === 'string') {
    if (value.length > MAX_TEXT_LENGTH) {
      issues.push(`${path}: longer than ${MAX_TEXT_LENGTH} characters`);
      return undefined;
    }
    try {
      parsed = JSON.parse(value);
    } catch {
      issues.push(`${path}: not valid JSON text`);
      return undefined;
    }
  }
  if (!isPlainObject(parsed)) {
    issues.push(`${path}: expected an object, got ${kindOf(parsed)}`);
    return undefined;
  }
  return parsed;
}

function checkOneOf(value: unknown, path: string, allowed: readonly string[], issues: string[]): void {
  if (value === undefined) issues.push(`${path}: required`);
  else if (typeof value !== 'string' || !allowed.includes(value)) {
    issues.push(`${path}: expected one of ${allowed.join('|')}, got ${JSON.stringify(value)}`);
  }
}

function checkFeature(value: unknown, path: string, limits: Readonly<ContractLimits>, issues: string[]): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'string' || value.length === 0 || value.length > limits.maxFeatureNameLength) {
    issues.push(`${path}: expected null or a non-empty string of at most ${limits.maxFeatureNameLength} characters`);
  }
}

function checkText(value: unknown, path: string, issues: string[]): void {
  if (typeof value !== 'string') issues.push(`${path}: expected a string, got ${kindOf(value)}`);
  else if (value.length > MAX_TEXT_LENGTH) issues.push(`${path}: longer than ${MAX_TEXT_LENGTH} characters`);
}

function checkFinite(value: unknown, path: string, issues: string[]): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.push(`${path}: expected a finite number, got ${typeof value === 'number' ? value : kindOf(value)}`);
    return false;
  }
  return true;
}

/** Epoch ms and counts alike: a non-negative integer JavaScript holds exactly. */
function checkCount(value: unknown, path: string, issues: string[]): boolean {
  if (value === undefined) issues.push(`${path}: required`);
  else if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    issues.push(`${path}: expected a non-negative integer, got ${typeof value === 'number' ? value : kindOf(value)}`);
  } else return true;
  return false;
}
