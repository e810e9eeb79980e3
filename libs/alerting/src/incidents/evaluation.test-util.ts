import type { EvaluationMessage, Finding, IncidentKind, Severity } from '@driftwatch/contracts';

export const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
export const MINUTE = 60_000;

export function finding(kind: IncidentKind, feature: string | null, severity: Severity = 'warning', value = 0.2): Finding {
  return {
    kind,
    feature,
    severity,
    metric: kind === 'silence' ? 'eventCount' : 'psi',
    value,
    threshold: 0.1,
    message: `${feature ?? 'model'}: ${kind} ${value}`,
  };
}

/** The evaluation of minute window `i` (from T0) of model m, version 1. */
export function evaluation(i: number, findings: Finding[], overrides: Partial<EvaluationMessage> = {}): EvaluationMessage {
  const granularity = overrides.granularity ?? 'window';
  const windowStart = T0 + i * MINUTE;
  return {
    schemaVersion: 1,
    evaluationId: `m/1/${granularity}/${windowStart}`,
    modelId: 'm',
    modelVersion: '1',
    granularity,
    windowStart,
    windowEnd: windowStart + MINUTE,
    evaluatedAt: windowStart + MINUTE + 1_000,
    baselineId: 'b1',
    eventCount: 500,
    judged: true,
    features: [],
    schema: { unknown: [], vanished: [] },
    dataset: { driftShare: 0, threshold: 0.5, detected: false },
    findings,
    ...overrides,
  };
}

/**
 * What the evaluator's timer publishes for clock slot `i` (from T0) when no window of model m
 * closed for a while: no events, no features, one silence finding, `source: 'timer'` (see
 * silenceEvaluation).
 */
export function timerSilence(i: number, overrides: Partial<EvaluationMessage> = {}): EvaluationMessage {
  return legacyTimerSilence(i, { source: 'timer', ...overrides });
}

/** The same as published before evaluations carried `source`: told apart by its shape alone. */
export function legacyTimerSilence(i: number, overrides: Partial<EvaluationMessage> = {}): EvaluationMessage {
  const windowStart = T0 + i * MINUTE;
  return evaluation(i, [finding('silence', null, 'critical', 0)], {
    evaluationId: `m/1/silence/${windowStart}`,
    baselineId: null,
    eventCount: 0,
    judged: false,
    ...overrides,
  });
}

/** A performance_degradation finding of the watched metric (or of a detector, with `details.detector`). */
export function degradation(severity: Severity = 'warning', value = 0.7, details: Record<string, unknown> = {}): Finding {
  return {
    kind: 'performance_degradation',
    feature: null,
    severity,
    metric: 'rocAuc',
    value,
    threshold: 0.81,
    message: `rocAuc ${value} below the baseline's 0.86`,
    details: { metric: 'rocAuc', value, baselineValue: 0.86, coverage: 0.8, labelled: 400, predicted: 500, interval: null, ...details },
  };
}

/** The performance evaluation of minute window `i` (from T0), published once its labels are in. */
export function performanceEvaluation(i: number, findings: Finding[], overrides: Partial<EvaluationMessage> = {}): EvaluationMessage {
  const windowStart = T0 + i * MINUTE;
  return evaluation(i, findings, {
    evaluationId: `m/1/${overrides.granularity ?? 'window'}/${windowStart}/performance`,
    // Labels arrive late: decided long after the window's data evaluation.
    evaluatedAt: windowStart + 30 * MINUTE,
    subject: 'performance',
    performance: {
      task: 'binary',
      predicted: 500,
      labelled: 400,
      coverage: 0.8,
      metric: 'rocAuc',
      value: findings[0]?.value ?? 0.86,
      baselineValue: 0.86,
      interval: null,
      metrics: {},
    },
    ...overrides,
  });
}
