import { describe, expect, it } from 'vitest';
import { revisionOf, type EvaluationMessage } from '../events/evaluation';
import { ContractValidationError } from '../validation/validation-result';
import { decodeEvaluation, encodeEvaluation } from './evaluation.codec';

const message: EvaluationMessage = {
  schemaVersion: 1,
  evaluationId: '3f0c2a9be4d1c7a05e6b8f9d0a1b2c3d4e5f6a7b',
  modelId: 'credit-risk',
  modelVersion: '7',
  granularity: 'window',
  windowStart: 1795701600000,
  windowEnd: 1795701660000,
  evaluatedAt: 1795701671234,
  baselineId: 'b-2026-11-01',
  eventCount: 512,
  judged: true,
  features: [
    {
      name: 'income',
      kind: 'numeric',
      importance: 0.4,
      metrics: { psi: 0.31, wasserstein: 0.52, kullbackLeibler: null },
      drift: { detected: true, method: 'wasserstein', value: 0.52, threshold: 0.1, severity: 'critical' },
      missingRate: 0,
      baselineMissingRate: 0.01,
      typeErrorRate: 0,
      newCategoryShare: 0,
      outOfRangeShare: 0.02,
    },
  ],
  schema: { unknown: ['promo_code'], vanished: [] },
  dataset: { driftShare: 1, threshold: 0.5, detected: true },
  findings: [
    {
      kind: 'data_drift',
      feature: 'income',
      severity: 'critical',
      metric: 'wasserstein',
      value: 0.52,
      threshold: 0.1,
      message: 'income: wasserstein 0.52 ≥ 0.1 (critical)',
      baseline: { count: 5000, missingRate: 0.01, min: 1, max: 90, mean: 50, median: 49 },
      current: { count: 512, missingRate: 0, typeErrors: 0, min: 3, max: 99, mean: 55 },
      details: { critical: 0.25, metrics: { psi: 0.31 } },
    },
    { kind: 'dataset_drift', feature: null, severity: 'critical', metric: 'driftShare', value: 1, threshold: 0.5, message: '100% of features drifted' },
  ],
  policy: { openAfter: 1, resolveAfter: 3, cooldownSeconds: 3600 },
};

const decodeJson = (value: unknown) => decodeEvaluation(Buffer.from(JSON.stringify(value)));

describe('encodeEvaluation / decodeEvaluation', () => {
  it('round-trips JSON, free-form evidence included', () => {
    expect(decodeEvaluation(encodeEvaluation(message))).toEqual({ ok: true, event: message, format: 'json' });
    const { policy: _policy, ...withoutPolicy } = message;
    expect(decodeJson(withoutPolicy)).toMatchObject({ ok: true });
  });

  it('names the path of every problem', () => {
    const bad = structuredClone(message) as unknown as Record<string, unknown> & { findings: Record<string, unknown>[]; features: Record<string, unknown>[] };
    bad.findings[0].severity = 'fatal';
    bad.features[0].metrics = { psi: 'high' };
    bad.granularity = 'hour';
    expect(decodeJson(bad)).toEqual({
      ok: false,
      code: 'invalid',
      format: 'json',
      reason:
        'granularity: expected one of window|rollup, got "hour"; features[0].metrics.psi: expected a finite number or null, got string; findings[0].severity: expected one of warning|critical, got "fatal"',
    });
  });

  it('rejects a newer schema version, a malformed id and a window that ends before it starts', () => {
    expect(decodeJson({ ...message, schemaVersion: 2 })).toMatchObject({ ok: false, reason: 'schemaVersion: unsupported version 2, expected 1' });
    expect(decodeJson({ ...message, evaluationId: 'abc' })).toMatchObject({ ok: false, reason: 'evaluationId: expected 40 lowercase hex digits, got "abc"' });
    expect(decodeJson({ ...message, windowEnd: message.windowStart })).toMatchObject({
      ok: false,
      reason: `windowEnd: must be after windowStart (${message.windowStart} <= ${message.windowStart})`,
    });
  });

  it('carries the source marker; a timer evaluation must be a slot without events and with only silence findings', () => {
    const timer: EvaluationMessage = {
      ...message,
      eventCount: 0,
      judged: false,
      features: [],
      findings: [{ kind: 'silence', feature: null, severity: 'critical', metric: 'eventCount', value: 0, threshold: 1, message: 'no window closed' }],
      source: 'timer',
    };
    expect(decodeEvaluation(encodeEvaluation(timer))).toEqual({ ok: true, event: timer, format: 'json' });
    expect(decodeJson({ ...message, source: 'window' })).toMatchObject({ ok: true, event: { source: 'window' } });
    // Messages written before the field existed have none.
    expect(decodeJson(message)).toMatchObject({ ok: true });
    expect((decodeJson(message) as { event: EvaluationMessage }).event.source).toBeUndefined();
    expect(decodeJson({ ...message, source: 'clock' })).toMatchObject({ ok: false, reason: 'source: expected one of window|timer, got "clock"' });
    expect(decodeJson({ ...timer, eventCount: 3 })).toMatchObject({ ok: false, reason: 'source: a timer evaluation has no events, got eventCount 3' });
    expect(decodeJson({ ...timer, findings: [...timer.findings, message.findings[1]] })).toMatchObject({
      ok: false,
      reason: 'source: a timer evaluation carries only silence findings',
    });
  });

  describe('subject and performance evidence', () => {
    const performanceEvaluation: EvaluationMessage = {
      ...message,
      evaluationId: '9a0c2a9be4d1c7a05e6b8f9d0a1b2c3d4e5f6a7b',
      features: [],
      schema: { unknown: [], vanished: [] },
      dataset: { driftShare: 0, threshold: 0.5, detected: false },
      subject: 'performance',
      performance: {
        task: 'binary',
        predicted: 512,
        labelled: 400,
        coverage: 0.78125,
        metric: 'rocAuc',
        value: 0.71,
        baselineValue: 0.86,
        interval: { low: 0.66, high: 0.76, confidence: 0.99, method: 'delong' },
        metrics: { rocAuc: 0.71, accuracy: 0.68, logLoss: 0.59, ece: null },
      },
      findings: [
        {
          kind: 'performance_degradation',
          feature: null,
          severity: 'critical',
          metric: 'rocAuc',
          value: 0.71,
          threshold: 0.81,
          message: 'rocAuc 0.71 < baseline 0.86 - 0.05',
          details: { metric: 'rocAuc', value: 0.71, baselineValue: 0.86, coverage: 0.78125, labelled: 400, predicted: 512, interval: { low: 0.66, high: 0.76 } },
        },
      ],
    };
    const perf = performanceEvaluation.performance as NonNullable<EvaluationMessage['performance']>;

    it('round-trips a performance evaluation, and reads a message without subject as before', () => {
      expect(decodeEvaluation(encodeEvaluation(performanceEvaluation))).toEqual({ ok: true, event: performanceEvaluation, format: 'json' });
      expect(decodeJson({ ...message, subject: 'data' })).toMatchObject({ ok: true, event: { subject: 'data' } });
      expect((decodeJson(message) as { event: EvaluationMessage }).event.subject).toBeUndefined();
      // A performance window with too few labels: judged false, no findings, evidence still there.
      expect(decodeJson({ ...performanceEvaluation, judged: false, findings: [], performance: { ...perf, value: null, interval: null } })).toMatchObject({ ok: true });
      // A detector firing carries its own details.
      const detector = { ...performanceEvaluation.findings[0], metric: 'error', details: { detector: 'adwin', index: 1234 } };
      expect(decodeJson({ ...performanceEvaluation, findings: [detector] })).toMatchObject({ ok: true });
    });

    it('rejects an unknown subject and names each bad evidence field', () => {
      expect(decodeJson({ ...message, subject: 'labels' })).toMatchObject({ ok: false, reason: 'subject: expected one of data|performance, got "labels"' });
      const bad = {
        ...performanceEvaluation,
        performance: { ...perf, task: 'ranking', predicted: -1, coverage: 1.5, value: 'high', interval: { low: 0.8, high: 0.7, confidence: 99, method: 'wilson' }, metrics: { f1: 'x' } },
      };
      expect(decodeJson(bad)).toMatchObject({
        ok: false,
        reason: [
          'performance.task: expected one of binary|multiclass|regression, got "ranking"',
          'performance.predicted: expected an integer >= 0, got -1',
          'performance.coverage: expected a share in [0, 1], got 1.5',
          'performance.value: expected a finite number or null, got string',
          'performance.interval: high must not be below low (0.7 < 0.8)',
          'performance.interval.confidence: expected a number in (0, 1), got 99',
          'performance.metrics.f1: expected a finite number or null, got string',
        ].join('; '),
      });
      expect(decodeJson({ ...performanceEvaluation, performance: { ...perf, labelled: 600 } })).toMatchObject({
        ok: false,
        reason: 'performance.labelled: more labelled than predicted (600 > 512)',
      });
      const { interval: _i, ...withoutInterval } = perf;
      expect(decodeJson({ ...performanceEvaluation, performance: withoutInterval })).toMatchObject({ ok: false, reason: 'performance.interval: required' });
    });

    it('holds a message to its subject: the alerter judges performance_degradation only from performance evaluations', () => {
      const { performance: _p, ...withoutEvidence } = performanceEvaluation;
      expect(decodeJson(withoutEvidence)).toMatchObject({ ok: false, reason: 'performance: required when subject is performance' });
      expect(decodeJson({ ...performanceEvaluation, findings: [...performanceEvaluation.findings, message.findings[1]] })).toMatchObject({
        ok: false,
        reason: 'subject: a performance evaluation carries only performance_degradation findings',
      });
      expect(decodeJson({ ...message, findings: [...message.findings, performanceEvaluation.findings[0]] })).toMatchObject({
        ok: false,
        reason: 'subject: performance_degradation findings belong to a performance evaluation (subject "performance")',
      });
      expect(decodeJson({ ...message, performance: perf })).toMatchObject({ ok: false, reason: 'performance: only a performance evaluation carries it, got subject "data"' });
      expect(decodeJson({ ...performanceEvaluation, eventCount: 0, findings: [], source: 'timer' })).toMatchObject({
        ok: false,
        reason: 'subject: a timer evaluation is a data evaluation, got subject "performance"',
      });
    });
  });

  it('says which reference judged the drift, and names each bad reference field', () => {
    const lagged: EvaluationMessage = { ...message, reference: { kind: 'lagged', from: 1795096800000, to: 1795096860000, eventCount: 4800 } };
    expect(decodeEvaluation(encodeEvaluation(lagged))).toEqual({ ok: true, event: lagged, format: 'json' });
    expect(decodeJson({ ...message, reference: { kind: 'baseline' } })).toMatchObject({ ok: true, event: { reference: { kind: 'baseline' } } });
    expect(decodeJson({ ...message, reference: { kind: 'lastWeek', from: 1, to: 2 } })).toMatchObject({
      ok: false,
      reason: 'reference.kind: expected one of baseline|lagged|both, got "lastWeek"',
    });
    expect(decodeJson({ ...message, reference: { kind: 'both' } })).toMatchObject({ ok: false, reason: 'reference: a both reference names its span (from, to)' });
    expect(decodeJson({ ...message, reference: { kind: 'lagged', from: 5, to: 5 } })).toMatchObject({ ok: false, reason: 'reference.to: must be after from (5 <= 5)' });
    expect(decodeJson({ ...message, reference: { kind: 'baseline', lag: 7 } })).toMatchObject({
      ok: false,
      reason: 'reference.lag: unknown field (expected kind, from, to, eventCount)',
    });
    expect(decodeJson({ ...message, reference: { kind: 'baseline', from: 1 } })).toMatchObject({ ok: false, reason: 'reference: from and to go together' });
  });

  it('carries the revision of a re-evaluated window; a message without it reads as revision 0', () => {
    const revised: EvaluationMessage = { ...message, revision: 37 };
    expect(decodeEvaluation(encodeEvaluation(revised))).toEqual({ ok: true, event: revised, format: 'json' });
    const old = decodeJson(message);
    expect(old.ok && revisionOf(old.event)).toBe(0);
    expect(revisionOf(revised)).toBe(37);
    expect(decodeJson({ ...message, revision: -1 })).toMatchObject({ ok: false, reason: 'revision: expected an integer >= 0, got -1' });
    expect(decodeJson({ ...message, revision: 1.5 })).toMatchObject({ ok: false, reason: 'revision: expected an integer >= 0, got 1.5' });
    expect(decodeJson({ ...message, revision: '3' })).toMatchObject({ ok: false, reason: 'revision: expected an integer >= 0, got string' });
    expect(() => encodeEvaluation({ ...message, revision: Number.NaN })).toThrow('revision: expected an integer >= 0, got NaN');
  });

  it('never throws on garbage', () => {
    expect(decodeEvaluation(Buffer.alloc(0))).toMatchObject({ ok: false, code: 'empty-payload' });
    expect(decodeEvaluation(Buffer.from('{"a":'))).toMatchObject({ ok: false, code: 'malformed' });
    expect(decodeEvaluation(Buffer.from('[1]'))).toMatchObject({ ok: false, code: 'malformed', reason: 'expected a JSON object, got array' });
    expect(decodeEvaluation(Buffer.from([0xff, 0xfe]))).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('refuses to encode NaN, which JSON would silently turn into null', () => {
    const bad = structuredClone(message);
    bad.findings[0].threshold = NaN;
    expect(() => encodeEvaluation(bad)).toThrow(ContractValidationError);
    expect(() => encodeEvaluation(bad)).toThrow('findings[0].threshold: expected a finite number, got NaN');
  });
});
