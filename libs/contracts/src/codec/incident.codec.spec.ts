import { describe, expect, it } from 'vitest';
import type { IncidentEvent } from '../events/incident';
import * as avro from './avro-bytes.test-util';
import { decodeIncidentEvent, encodeIncidentEvent } from './incident.codec';

const T = 1795701600000;
const modelLevel: IncidentEvent = {
  schemaVersion: 1,
  eventType: 'opened',
  incidentId: 'inc-1',
  modelId: 'credit-risk',
  modelVersion: '7',
  kind: 'dataset_drift',
  feature: null,
  severity: 'critical',
  status: 'open',
  openedAt: T + 60_000,
  updatedAt: T + 60_000,
  resolvedAt: null,
  windowStart: T,
  windowEnd: T + 60_000,
  evidence: {
    kind: 'dataset_drift',
    feature: null,
    severity: 'critical',
    metric: 'driftShare',
    value: 0.75,
    threshold: 0.5,
    message: '3 of 4 features drifted',
  },
  badWindows: 1,
};

const withEvidence: IncidentEvent = {
  ...modelLevel,
  granularity: 'rollup',
  eventType: 'resolved',
  kind: 'new_category',
  feature: 'region',
  severity: 'warning',
  status: 'resolved',
  resolvedAt: T + 240_000,
  updatedAt: T + 240_000,
  badWindows: 4,
  evidence: {
    kind: 'new_category',
    feature: 'region',
    severity: 'warning',
    metric: 'newCategoryShare',
    value: null,
    threshold: 0.01,
    message: 'region: 15% of values in categories unseen in the baseline',
    baseline: { count: 1000, missingRate: 0, topCategories: { north: 0.6, south: 0.4 } },
    current: { count: 1000, missingRate: 0.01, typeErrors: 2, min: 1, max: 2.5, mean: 1.5, median: 1.25 },
    details: { unseen: { overseas: 151 }, note: ['a', 1, null] },
  },
};

describe('encodeIncidentEvent / decodeIncidentEvent', () => {
  it.each([
    ['a model-level incident', modelLevel],
    ['an incident with summaries and details', withEvidence],
  ])('round-trips %s through JSON and Avro', (_, event) => {
    expect(decodeIncidentEvent(encodeIncidentEvent(event))).toEqual({ ok: true, event, format: 'json' });
    expect(decodeIncidentEvent(encodeIncidentEvent(event, 'avro'), { format: 'avro' })).toEqual({ ok: true, event, format: 'avro' });
  });

  it('writes the Avro binary the specification prescribes', () => {
    const s = avro.string;
    const hand = Buffer.concat([
      avro.long(1),
      s('opened'),
      s('inc-1'),
      s('credit-risk'),
      s('7'),
      s('dataset_drift'),
      avro.branch(0),
      s('critical'),
      s('open'),
      avro.long(T + 60_000),
      avro.long(T + 60_000),
      avro.branch(0),
      avro.long(T),
      avro.long(T + 60_000),
      // evidence
      s('dataset_drift'),
      avro.branch(0),
      s('critical'),
      s('driftShare'),
      avro.branch(1, avro.double(0.75)),
      avro.double(0.5),
      s('3 of 4 features drifted'),
      avro.branch(0),
      avro.branch(0),
      avro.branch(0),
      avro.long(1),
      // granularity: absent, written as the null branch
      avro.branch(0),
    ]);
    expect(encodeIncidentEvent(modelLevel, 'avro').equals(hand)).toBe(true);
    const rollup = encodeIncidentEvent({ ...modelLevel, granularity: 'rollup' }, 'avro');
    expect(rollup.equals(Buffer.concat([hand.subarray(0, hand.length - 1), avro.branch(1, s('rollup'))]))).toBe(true);
  });

  it('treats granularity as optional: null and absent decode alike, other values are rejected', () => {
    const json = JSON.parse(encodeIncidentEvent(modelLevel).toString('utf8')) as Record<string, unknown>;
    expect(json).not.toHaveProperty('granularity');
    expect(decodeIncidentEvent(Buffer.from(JSON.stringify({ ...json, granularity: null })))).toEqual({ ok: true, event: modelLevel, format: 'json' });
    const hourly = decodeIncidentEvent(Buffer.from(JSON.stringify({ ...json, granularity: 'hour' })));
    expect(hourly).toEqual({ ok: false, code: 'invalid', reason: 'granularity: expected one of window|rollup, got "hour"', format: 'json' });
  });

  it('carries evidence.details as JSON text in Avro', () => {
    const decoded = decodeIncidentEvent(encodeIncidentEvent(withEvidence, 'avro'), { format: 'avro' });
    expect(decoded.ok && decoded.event.evidence.details).toEqual({ unseen: { overseas: 151 }, note: ['a', 1, null] });
    const text = JSON.stringify(withEvidence.evidence.details);
    expect(encodeIncidentEvent(withEvidence, 'avro').includes(Buffer.from(avro.string(text)))).toBe(true);
  });

  it('names every problem of an invalid event', () => {
    const bad = {
      ...modelLevel,
      eventType: 'reopened',
      kind: 'drift',
      status: 'resolved',
      windowEnd: T,
      evidence: { ...modelLevel.evidence, threshold: Number.NaN, details: '[1]' },
    };
    const decoded = decodeIncidentEvent(Buffer.from(JSON.stringify(bad)));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.code).toBe('invalid');
    expect(decoded.reason).toContain('eventType: expected one of opened|updated|resolved, got "reopened"');
    expect(decoded.reason).toContain('kind: expected one of');
    expect(decoded.reason).toContain('resolvedAt: required when status is resolved');
    expect(decoded.reason).toContain(`windowEnd: must be after windowStart (${T} <= ${T})`);
    // NaN becomes null in JSON text.
    expect(decoded.reason).toContain('evidence.threshold: expected a finite number, got null');
    expect(decoded.reason).toContain('evidence.details: expected an object, got array');
  });

  it('refuses to encode an open incident with a resolvedAt', () => {
    expect(() => encodeIncidentEvent({ ...modelLevel, resolvedAt: T })).toThrow(/resolvedAt: must be null while status is open/);
  });

  it('rejects a message of a newer schema version', () => {
    const decoded = decodeIncidentEvent(Buffer.from(JSON.stringify({ ...modelLevel, schemaVersion: 2 })));
    expect(decoded).toEqual({ ok: false, code: 'invalid', reason: 'schemaVersion: unsupported version 2, expected 1', format: 'json' });
  });
});
