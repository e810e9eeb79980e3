import { SEVERITIES } from '@driftwatch/contracts';
import { CORRECTION_ALIASES, isHistogramMethod, isPValueMethod, MAX_CATEGORIES_LIMIT, parseCorrection } from '@driftwatch/stats';
import { DEFAULT_POLICY } from './default-policy';
import { mergePolicy } from './merge-policy';
import { isPerformanceMetric, PERFORMANCE_METRIC_NAMES } from '../performance/metric-rules';
import {
  CORRECTIONS,
  NUMERIC_METHODS,
  CATEGORICAL_METHODS,
  PERFORMANCE_DETECTORS,
  REFERENCE_MODES,
  STREAMING_METHODS,
  type Policy,
  type PolicyOverrides,
} from './policy.types';

export type PolicyValidation = { ok: true; value: PolicyOverrides; policy: Policy; notes: string[] } | { ok: false; issues: string[] };

/**
 * Policies stored before the calibrated decision may hold `drift.minEvents`: such a policy is
 * accepted (a model's stored policy must keep loading) and the field dropped, with this note.
 */
export const RETIRED_MIN_EVENTS_NOTE =
  'drift.minEvents is retired and ignored: distances are now calibrated to the window\'s size; set drift.falseAlarmRate (false incidents per model per 30 days, default 1) instead';

/** A policy document that cannot be used; `issues` each name the field (`drift.numeric.threshold: …`). */
export class PolicyValidationError extends Error {
  override readonly name = 'PolicyValidationError';
  constructor(readonly issues: string[]) {
    super(`invalid policy: ${issues.join('; ')}`);
  }
}

type Check = (value: unknown, path: string, issues: string[]) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' ? 'an object' : String(v);

const share: Check = (v, path, issues) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) issues.push(`${path}: expected a number from 0 to 1, got ${describe(v)}`);
};

const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (v, path, issues) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
      issues.push(`${path}: expected an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, got ${describe(v)}`);
    }
  };

const number =
  (min: number, exclusive = false): Check =>
  (v, path, issues) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (exclusive && v === min)) {
      issues.push(`${path}: expected a finite number ${exclusive ? '>' : '>='} ${min}, got ${describe(v)}`);
    }
  };

const oneOf =
  (values: readonly unknown[]): Check =>
  (v, path, issues) => {
    if (!values.includes(v)) issues.push(`${path}: expected one of ${values.join(', ')}, got ${describe(v)}`);
  };

/** A correction or one of its aliases; the message lists the canonical names only. */
const correction: Check = (v, path, issues) => {
  if (parseCorrection(v) === undefined) issues.push(`${path}: expected one of ${CORRECTIONS.join(', ')}, got ${describe(v)}`);
};

const boolean: Check = (v, path, issues) => {
  if (typeof v !== 'boolean') issues.push(`${path}: expected true or false, got ${describe(v)}`);
};

const nullable =
  (check: Check): Check =>
  (v, path, issues) => {
    if (v !== null) check(v, path, issues);
  };

const section =
  (fields: Record<string, Check>): Check =>
  (v, path, issues) => {
    if (!isObject(v)) {
      issues.push(`${path}: expected an object, got ${describe(v)}`);
      return;
    }
    for (const [key, value] of Object.entries(v)) {
      const check = fields[key];
      if (!check) issues.push(`${path}.${key}: unknown field (expected ${Object.keys(fields).join(', ')})`);
      else if (value !== undefined) check(value, `${path}.${key}`, issues);
    }
  };

const severity = oneOf(SEVERITIES);
const threshold = nullable(number(0));
const driftRule = (methods: readonly string[]) => section({ method: oneOf(['auto', ...methods]), threshold, critical: threshold });

const featurePolicy = section({
  method: oneOf(STREAMING_METHODS),
  threshold: number(0),
  critical: number(0),
  importance: number(0),
  ignore: boolean,
});

const performanceMetric: Check = (v, path, issues) => {
  if (v !== 'auto' && !(typeof v === 'string' && isPerformanceMetric(v))) {
    issues.push(`${path}: expected "auto" or one of ${PERFORMANCE_METRIC_NAMES.join(', ')}, got ${describe(v)}`);
  }
};

/** At 0.5 or less the interval is narrower than the noise it stands for; at 1 it is unbounded. */
const confidence: Check = (v, path, issues) => {
  if (typeof v !== 'number' || !(v > 0.5 && v < 1)) issues.push(`${path}: expected a number between 0.5 and 1 (both excluded), got ${describe(v)}`);
};

const detectorParams: Check = (v, path, issues) => {
  if (!isObject(v)) {
    issues.push(`${path}: expected an object of parameter name to number, got ${describe(v)}`);
    return;
  }
  for (const [name, value] of Object.entries(v)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) issues.push(`${path}.${name}: expected a finite number, got ${describe(value)}`);
  }
};

const TASKS = ['binary', 'multiclass', 'regression'] as const;
const detectorTasks: Check = (v, path, issues) => {
  if (!Array.isArray(v) || v.length === 0) {
    issues.push(`${path}: expected a non-empty array of tasks (${TASKS.join(', ')}), got ${describe(v)}`);
    return;
  }
  v.forEach((t, i) => oneOf(TASKS)(t, `${path}[${i}]`, issues));
};

const detector = section({ name: oneOf(PERFORMANCE_DETECTORS), params: detectorParams, severity, tasks: detectorTasks });

const detectors: Check = (v, path, issues) => {
  if (!Array.isArray(v)) {
    issues.push(`${path}: expected an array of detectors ({ name, params, severity }), got ${describe(v)}`);
    return;
  }
  v.forEach((d, i) => {
    const at = `${path}[${i}]`;
    detector(d, at, issues);
    if (isObject(d)) for (const key of ['name', 'params', 'severity']) if (d[key] === undefined) issues.push(`${at}.${key}: required`);
  });
};

const performance = section({
  task: oneOf(['auto', 'binary', 'multiclass', 'regression']),
  metric: performanceMetric,
  tolerance: threshold,
  critical: threshold,
  confidence,
  minLabelled: integer(1),
  minCoverage: share,
  labelWaitSeconds: number(0),
  detectors,
});

const features: Check = (v, path, issues) => {
  if (!isObject(v)) {
    issues.push(`${path}: expected an object of feature name to settings, got ${describe(v)}`);
    return;
  }
  for (const [name, f] of Object.entries(v)) featurePolicy(f, `${path}.${JSON.stringify(name).slice(1, -1)}`, issues);
};

const ROOT: Record<string, Check> = {
  minWindowEvents: integer(0),
  drift: section({ numeric: driftRule(NUMERIC_METHODS), categorical: driftRule(CATEGORICAL_METHODS), falseAlarmRate: nullable(number(0, true)), maxCategories: integer(10, MAX_CATEGORIES_LIMIT), minEvents: integer(0) }),
  importance: section({ critical: share, minorMaxSeverity: severity }),
  missing: section({ increase: share, critical: share }),
  newCategory: section({ share, critical: share }),
  typeErrors: section({ rate: share, critical: share }),
  outOfRange: section({ share, critical: share, ratio: number(1, true) }),
  schema: section({ unknownSeverity: severity, vanishedSeverity: severity }),
  dataset: section({ share, correction, severity }),
  silence: section({ minEvents: integer(0), afterWindows: integer(1, 10_000), severity }),
  alerting: section({ openAfter: integer(1, 1000), resolveAfter: integer(1, 1000), cooldownSeconds: number(0) }),
  rollup: section({ enabled: boolean, bucketSeconds: integer(60, 31 * 86400) }),
  reference: section({ mode: oneOf(REFERENCE_MODES), lagSeconds: integer(60, 366 * 86400), minEvents: integer(1) }),
  performance,
  features,
};

/**
 * Checks a stored policy document (any subset of Policy) and the policy it yields once merged
 * on the defaults. Every issue names its field; unknown fields are errors so a typo is not
 * silently ignored.
 */
export function validatePolicy(value: unknown, defaults: Readonly<Policy> = DEFAULT_POLICY): PolicyValidation {
  const issues: string[] = [];
  section(ROOT)(value, 'policy', issues);
  if (issues.length > 0) return { ok: false, issues: issues.map(stripRoot) };
  const notes: string[] = [];
  const overrides = withoutRetired(canonicalSpellings(value as PolicyOverrides), notes);
  const policy = mergePolicy(overrides, defaults);
  checkConsistency(policy, issues);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: overrides, policy, notes };
}

/** validatePolicy that throws PolicyValidationError. */
export function parsePolicy(value: unknown, defaults: Readonly<Policy> = DEFAULT_POLICY): { overrides: PolicyOverrides; policy: Policy } {
  const result = validatePolicy(value, defaults);
  if (!result.ok) throw new PolicyValidationError(result.issues);
  return { overrides: result.value, policy: result.policy };
}

/**
 * The overrides with every alias replaced by its canonical name, so what is stored, merged and
 * published reads one way (`bh`, the CLI's spelling, becomes `benjamini-hochberg`).
 */
function canonicalSpellings(overrides: PolicyOverrides): PolicyOverrides {
  const typed = overrides.dataset?.correction as string | undefined;
  if (typed === undefined || !Object.hasOwn(CORRECTION_ALIASES, typed)) return overrides;
  return { ...overrides, dataset: { ...overrides.dataset, correction: parseCorrection(typed) } };
}

function withoutRetired(overrides: PolicyOverrides, notes: string[]): PolicyOverrides {
  const drift = overrides.drift as (PolicyOverrides['drift'] & { minEvents?: unknown }) | undefined;
  if (drift === undefined || !Object.hasOwn(drift, 'minEvents')) return overrides;
  notes.push(RETIRED_MIN_EVENTS_NOTE);
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { minEvents, ...rest } = drift;
  return { ...overrides, drift: rest };
}

function stripRoot(issue: string): string {
  return issue.startsWith('policy.') ? issue.slice('policy.'.length) : issue;
}

function checkConsistency(p: Policy, issues: string[]): void {
  const ordered = (path: string, low: number, high: number, lowName: string, highName: string) => {
    if (high < low) issues.push(`${path}.${highName}: must be at least ${lowName} (${high} < ${low})`);
  };
  ordered('missing', p.missing.increase, p.missing.critical, 'increase', 'critical');
  ordered('newCategory', p.newCategory.share, p.newCategory.critical, 'share', 'critical');
  ordered('typeErrors', p.typeErrors.rate, p.typeErrors.critical, 'rate', 'critical');
  ordered('outOfRange', p.outOfRange.share, p.outOfRange.critical, 'share', 'critical');
  if (p.performance.tolerance !== null && p.performance.critical !== null) {
    ordered('performance', p.performance.tolerance, p.performance.critical, 'tolerance', 'critical');
  }
  for (const kind of ['numeric', 'categorical'] as const) {
    const rule = p.drift[kind];
    const path = `drift.${kind}`;
    if (rule.method === 'auto') {
      // 0.05 means a p-value for KS and a distance for Wasserstein: a number needs a method.
      if (rule.threshold !== null) issues.push(`${path}.threshold: set a method too (with "auto" the method, and so the scale, depends on the baseline)`);
      if (rule.critical !== null) issues.push(`${path}.critical: set a method too (with "auto" the method, and so the scale, depends on the baseline)`);
      continue;
    }
    checkRule(path, rule.method, rule.threshold, rule.critical, issues);
  }
  for (const [name, f] of Object.entries(p.features)) {
    const path = `features.${name}`;
    if ((f.threshold !== undefined || f.critical !== undefined) && f.method === undefined) {
      issues.push(`${path}.method: required with threshold or critical (their scale depends on the method)`);
      continue;
    }
    if (f.method !== undefined) checkRule(path, f.method, f.threshold ?? null, f.critical ?? null, issues);
  }
}

function checkRule(path: string, method: string, threshold: number | null, critical: number | null, issues: string[]): void {
  if (!isHistogramMethod(method)) return;
  if (isPValueMethod(method)) {
    if (threshold !== null && threshold > 1) issues.push(`${path}.threshold: ${method} takes a p-value from 0 to 1, got ${threshold}`);
    if (critical !== null && critical > 1) issues.push(`${path}.critical: ${method} takes a p-value from 0 to 1, got ${critical}`);
    if (threshold !== null && critical !== null && critical > threshold) {
      issues.push(`${path}.critical: a p-value level must be at most threshold (${critical} > ${threshold})`);
    }
  } else if (threshold !== null && critical !== null && critical < threshold) {
    issues.push(`${path}.critical: must be at least threshold (${critical} < ${threshold})`);
  }
}
