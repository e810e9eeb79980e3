import { EVALUATION_SCHEMA_VERSION, EVALUATION_SOURCES, EVALUATION_SUBJECTS, REFERENCE_KINDS, type EvaluationMessage } from '../events/evaluation';
import { INCIDENT_KINDS, SEVERITIES } from '../events/incident-kind';
import { type ContractLimits, DEFAULT_CONTRACT_LIMITS } from './contract-limits';
import { checkIdentifier } from './identifier.util';
import { invalid, type ValidationResult } from './validation-result';
import { isPlainObject, kindOf } from './value-kind.util';

const FEATURE_KINDS = ['numeric', 'categorical', 'boolean'] as const;
const GRANULARITIES = ['window', 'rollup'] as const;
const PERFORMANCE_TASKS = ['binary', 'multiclass', 'regression'] as const;
const EVALUATION_ID = /^[0-9a-f]{40}$/;

type Issues = string[];

function required(v: Record<string, unknown>, key: string, path: string, issues: Issues): boolean {
  if (v[key] === undefined) {
    issues.push(`${path}${key}: required`);
    return false;
  }
  return true;
}

function num(value: unknown, path: string, issues: Issues, opts: { nullable?: boolean; integer?: boolean; min?: number } = {}): void {
  if (value === null && opts.nullable) return;
  const what = opts.integer ? 'an integer' : 'a finite number';
  const bound = opts.min === undefined ? '' : ` >= ${opts.min}`;
  if (typeof value !== 'number' || !Number.isFinite(value) || (opts.integer && !Number.isSafeInteger(value)) || (opts.min !== undefined && value < opts.min)) {
    issues.push(`${path}: expected ${what}${bound}${opts.nullable ? ' or null' : ''}, got ${typeof value === 'number' ? value : kindOf(value)}`);
  }
}

function str(value: unknown, path: string, issues: Issues, nullable = false): void {
  if (value === null && nullable) return;
  if (typeof value !== 'string') issues.push(`${path}: expected a string${nullable ? ' or null' : ''}, got ${kindOf(value)}`);
}

function oneOf(value: unknown, allowed: readonly string[], path: string, issues: Issues): void {
  if (!allowed.includes(value as string)) issues.push(`${path}: expected one of ${allowed.join('|')}, got ${JSON.stringify(value) ?? 'undefined'}`);
}

function bool(value: unknown, path: string, issues: Issues): void {
  if (typeof value !== 'boolean') issues.push(`${path}: expected a boolean, got ${kindOf(value)}`);
}

function object(value: unknown, path: string, issues: Issues, optional = false): value is Record<string, unknown> {
  if (value === undefined && optional) return false;
  if (!isPlainObject(value)) {
    issues.push(`${path}: expected an object, got ${kindOf(value)}`);
    return false;
  }
  return true;
}

function stringArray(value: unknown, path: string, issues: Issues): void {
  if (!Array.isArray(value)) issues.push(`${path}: expected an array of strings, got ${kindOf(value)}`);
  else value.forEach((s, i) => str(s, `${path}[${i}]`, issues));
}

function sideSummary(value: unknown, path: string, issues: Issues): void {
  if (!object(value, path, issues, true)) return;
  num(value.count, `${path}.count`, issues, { min: 0 });
  num(value.missingRate, `${path}.missingRate`, issues, { min: 0 });
  for (const key of ['min', 'max', 'mean', 'median'] as const) if (value[key] !== undefined) num(value[key], `${path}.${key}`, issues, { nullable: true });
  if (value.typeErrors !== undefined) num(value.typeErrors, `${path}.typeErrors`, issues, { min: 0 });
  if (value.topCategories !== undefined && object(value.topCategories, `${path}.topCategories`, issues)) {
    for (const [c, share] of Object.entries(value.topCategories)) num(share, `${path}.topCategories.${c}`, issues, { min: 0 });
  }
}

function finding(value: unknown, path: string, issues: Issues): void {
  if (!object(value, path, issues)) return;
  oneOf(value.kind, INCIDENT_KINDS, `${path}.kind`, issues);
  str(value.feature, `${path}.feature`, issues, true);
  oneOf(value.severity, SEVERITIES, `${path}.severity`, issues);
  str(value.metric, `${path}.metric`, issues);
  num(value.value, `${path}.value`, issues, { nullable: true });
  num(value.threshold, `${path}.threshold`, issues);
  str(value.message, `${path}.message`, issues);
  sideSummary(value.baseline, `${path}.baseline`, issues);
  sideSummary(value.current, `${path}.current`, issues);
  if (value.details !== undefined) object(value.details, `${path}.details`, issues);
}

function featureEvaluation(value: unknown, path: string, issues: Issues): void {
  if (!object(value, path, issues)) return;
  str(value.name, `${path}.name`, issues);
  oneOf(value.kind, FEATURE_KINDS, `${path}.kind`, issues);
  num(value.importance, `${path}.importance`, issues, { min: 0 });
  if (object(value.metrics, `${path}.metrics`, issues)) {
    for (const [m, v] of Object.entries(value.metrics)) num(v, `${path}.metrics.${m}`, issues, { nullable: true });
  }
  if (object(value.drift, `${path}.drift`, issues)) {
    const d = value.drift;
    bool(d.detected, `${path}.drift.detected`, issues);
    str(d.method, `${path}.drift.method`, issues);
    num(d.value, `${path}.drift.value`, issues, { nullable: true });
    num(d.threshold, `${path}.drift.threshold`, issues);
    if (d.severity !== null) oneOf(d.severity, SEVERITIES, `${path}.drift.severity`, issues);
  }
  for (const key of ['missingRate', 'baselineMissingRate', 'typeErrorRate', 'newCategoryShare', 'outOfRangeShare'] as const) {
    num(value[key], `${path}.${key}`, issues, { min: 0 });
  }
}

function metricInterval(value: unknown, path: string, issues: Issues): void {
  if (value === null) return;
  if (!object(value, path, issues)) return;
  num(value.low, `${path}.low`, issues);
  num(value.high, `${path}.high`, issues);
  if (typeof value.low === 'number' && typeof value.high === 'number' && value.high < value.low) {
    issues.push(`${path}: high must not be below low (${value.high} < ${value.low})`);
  }
  if (typeof value.confidence !== 'number' || !(value.confidence > 0 && value.confidence < 1)) {
    issues.push(`${path}.confidence: expected a number in (0, 1), got ${typeof value.confidence === 'number' ? value.confidence : kindOf(value.confidence)}`);
  }
  str(value.method, `${path}.method`, issues);
}

function performanceEvidence(value: unknown, path: string, issues: Issues): void {
  if (!object(value, path, issues)) return;
  oneOf(value.task, PERFORMANCE_TASKS, `${path}.task`, issues);
  num(value.predicted, `${path}.predicted`, issues, { integer: true, min: 0 });
  num(value.labelled, `${path}.labelled`, issues, { integer: true, min: 0 });
  const count = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (count(value.predicted) && count(value.labelled) && value.labelled > value.predicted) {
    issues.push(`${path}.labelled: more labelled than predicted (${value.labelled} > ${value.predicted})`);
  }
  num(value.coverage, `${path}.coverage`, issues, { min: 0 });
  if (typeof value.coverage === 'number' && value.coverage > 1) issues.push(`${path}.coverage: expected a share in [0, 1], got ${value.coverage}`);
  str(value.metric, `${path}.metric`, issues);
  num(value.value, `${path}.value`, issues, { nullable: true });
  num(value.baselineValue, `${path}.baselineValue`, issues, { nullable: true });
  if (required(value, 'interval', `${path}.`, issues)) metricInterval(value.interval, `${path}.interval`, issues);
  if (object(value.metrics, `${path}.metrics`, issues)) {
    for (const [m, v] of Object.entries(value.metrics)) num(v, `${path}.metrics.${m}`, issues, { nullable: true });
  }
}

const REFERENCE_FIELDS = ['kind', 'from', 'to', 'eventCount'];

function reference(value: unknown, path: string, issues: Issues): void {
  if (!object(value, path, issues)) return;
  for (const key of Object.keys(value)) if (!REFERENCE_FIELDS.includes(key)) issues.push(`${path}.${key}: unknown field (expected ${REFERENCE_FIELDS.join(', ')})`);
  oneOf(value.kind, REFERENCE_KINDS, `${path}.kind`, issues);
  for (const key of ['from', 'to', 'eventCount'] as const) if (value[key] !== undefined) num(value[key], `${path}.${key}`, issues, { integer: true, min: 0 });
  if ((value.from === undefined) !== (value.to === undefined)) issues.push(`${path}: from and to go together`);
  if (typeof value.from === 'number' && typeof value.to === 'number' && value.to <= value.from) issues.push(`${path}.to: must be after from (${value.to} <= ${value.from})`);
  if (value.kind !== 'baseline' && value.from === undefined) issues.push(`${path}: a ${String(value.kind)} reference names its span (from, to)`);
}

/**
 * The alerter trusts `subject` to decide which incident keys an evaluation judges, so a message
 * must look like its subject: a performance evaluation carries its evidence and only
 * performance_degradation findings, a data evaluation (or a timer's) none of either. Otherwise a
 * finding would be silently ignored by the side that does not judge it.
 */
function subjectConsistency(v: Record<string, unknown>, issues: Issues): void {
  const performance = v.subject === 'performance';
  const findings = Array.isArray(v.findings) ? v.findings : [];
  if (performance) {
    if (v.performance === undefined) issues.push('performance: required when subject is performance');
    if (v.source === 'timer') issues.push('subject: a timer evaluation is a data evaluation, got subject "performance"');
    if (findings.some((f) => isPlainObject(f) && f.kind !== 'performance_degradation')) {
      issues.push('subject: a performance evaluation carries only performance_degradation findings');
    }
  } else {
    if (v.performance !== undefined) issues.push(`performance: only a performance evaluation carries it, got subject ${JSON.stringify(v.subject ?? 'data')}`);
    if (findings.some((f) => isPlainObject(f) && f.kind === 'performance_degradation')) {
      issues.push('subject: performance_degradation findings belong to a performance evaluation (subject "performance")');
    }
  }
}

/** Checks a driftwatch.evaluations message; every issue names its path (`findings[2].severity`). */
export function validateEvaluation(value: unknown, limits: Readonly<ContractLimits> = DEFAULT_CONTRACT_LIMITS): ValidationResult<EvaluationMessage> {
  if (!isPlainObject(value)) return invalid([`expected an object, got ${kindOf(value)}`]);
  const v = value;
  const issues: Issues = [];
  if (v.schemaVersion !== EVALUATION_SCHEMA_VERSION) {
    issues.push(
      v.schemaVersion === undefined
        ? 'schemaVersion: required'
        : `schemaVersion: unsupported version ${JSON.stringify(v.schemaVersion)}, expected ${EVALUATION_SCHEMA_VERSION}`,
    );
  }
  if (required(v, 'evaluationId', '', issues) && (typeof v.evaluationId !== 'string' || !EVALUATION_ID.test(v.evaluationId))) {
    issues.push(`evaluationId: expected 40 lowercase hex digits, got ${JSON.stringify(v.evaluationId)}`);
  }
  checkIdentifier(v.modelId, 'modelId', limits.maxIdLength, issues);
  checkIdentifier(v.modelVersion, 'modelVersion', limits.maxIdLength, issues);
  oneOf(v.granularity, GRANULARITIES, 'granularity', issues);
  for (const key of ['windowStart', 'windowEnd', 'evaluatedAt', 'eventCount'] as const) {
    if (required(v, key, '', issues)) num(v[key], key, issues, { integer: true, min: 0 });
  }
  if (typeof v.windowStart === 'number' && typeof v.windowEnd === 'number' && v.windowEnd <= v.windowStart) {
    issues.push(`windowEnd: must be after windowStart (${v.windowEnd} <= ${v.windowStart})`);
  }
  if (required(v, 'baselineId', '', issues)) str(v.baselineId, 'baselineId', issues, true);
  if (required(v, 'judged', '', issues)) bool(v.judged, 'judged', issues);
  if (v.revision !== undefined) num(v.revision, 'revision', issues, { integer: true, min: 0 });
  if (!Array.isArray(v.features)) issues.push(`features: expected an array, got ${kindOf(v.features)}`);
  else v.features.forEach((f, i) => featureEvaluation(f, `features[${i}]`, issues));
  if (object(v.schema, 'schema', issues)) {
    stringArray(v.schema.unknown, 'schema.unknown', issues);
    stringArray(v.schema.vanished, 'schema.vanished', issues);
  }
  if (object(v.dataset, 'dataset', issues)) {
    num(v.dataset.driftShare, 'dataset.driftShare', issues, { min: 0 });
    num(v.dataset.threshold, 'dataset.threshold', issues, { min: 0 });
    bool(v.dataset.detected, 'dataset.detected', issues);
  }
  if (!Array.isArray(v.findings)) issues.push(`findings: expected an array, got ${kindOf(v.findings)}`);
  else v.findings.forEach((f, i) => finding(f, `findings[${i}]`, issues));
  if (object(v.policy, 'policy', issues, true)) {
    const p = v.policy as Record<string, unknown>;
    num(p.openAfter, 'policy.openAfter', issues, { integer: true, min: 1 });
    num(p.resolveAfter, 'policy.resolveAfter', issues, { integer: true, min: 1 });
    num(p.cooldownSeconds, 'policy.cooldownSeconds', issues, { min: 0 });
  }
  if (v.source !== undefined) {
    oneOf(v.source, EVALUATION_SOURCES, 'source', issues);
    // The alerter trusts the marker, so a timer evaluation must look like one: a slot without
    // events whose only findings are silence.
    if (v.source === 'timer') {
      if (v.eventCount !== 0) issues.push(`source: a timer evaluation has no events, got eventCount ${JSON.stringify(v.eventCount)}`);
      if (Array.isArray(v.findings) && v.findings.some((f) => !isPlainObject(f) || f.kind !== 'silence')) {
        issues.push('source: a timer evaluation carries only silence findings');
      }
    }
  }
  if (v.subject !== undefined) oneOf(v.subject, EVALUATION_SUBJECTS, 'subject', issues);
  if (v.performance !== undefined) performanceEvidence(v.performance, 'performance', issues);
  if (v.subject === undefined || EVALUATION_SUBJECTS.includes(v.subject as never)) subjectConsistency(v, issues);
  if (v.reference !== undefined) reference(v.reference, 'reference', issues);
  if (object(v.evidenceTrimmed, 'evidenceTrimmed', issues, true)) {
    num(v.evidenceTrimmed.originalBytes, 'evidenceTrimmed.originalBytes', issues, { integer: true, min: 0 });
    stringArray(v.evidenceTrimmed.removed, 'evidenceTrimmed.removed', issues);
  }
  if (issues.length > 0) return invalid(issues);
  // The checked object is passed through as is: it is ours, and its free-form `details` must survive.
  return { ok: true, value: v as unknown as EvaluationMessage };
}
