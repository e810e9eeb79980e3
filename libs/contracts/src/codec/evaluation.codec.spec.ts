import { describe, expect, it } from 'vitest';
import type { EvaluationMessage } from '../events/evaluation';
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
