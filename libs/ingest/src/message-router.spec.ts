import { createInferenceEventDecoder, encodeInferenceEvent, type DecodeResult, type InferenceEvent } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';
import { modelIdOfInvalid, routeMessage, type RoutableMessage, type RoutingPolicy } from './message-router';

const NOW = Date.UTC(2026, 10, 26, 14, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_BYTES = 2_048;
const decode = createInferenceEventDecoder({ format: 'auto', maxBytes: MAX_BYTES });

const policy: RoutingPolicy = { unknownModelPolicy: 'sample', oversizedPolicy: 'dlq', maxFutureSkewMs: HOUR, samplesPerWindow: 500 };
const raw = (overrides: Record<string, unknown> = {}) => ({
  eventId: 'e1',
  modelId: 'scorer',
  modelVersion: '1',
  timestamp: NOW - 1_000,
  features: { income: 10 },
  ...overrides,
});
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

function message(payload: Buffer, extra: Partial<RoutableMessage> = {}): RoutableMessage {
  return { decoded: decode(payload), hasBaseline: true, wallClockMs: NOW, recordTimestamp: String(NOW - 500), payload, ...extra };
}

describe('routeMessage: messages that do not decode', () => {
  it('dead-letters malformed JSON and Avro with the decoder code and reason', () => {
    const route = routeMessage(message(Buffer.from('{"eventId": "broken", ')), policy);
    expect(route).toMatchObject({ action: 'dead-letter', code: 'malformed', modelId: undefined });
    expect(route.action === 'dead-letter' && route.reason).toMatch(/^malformed: malformed JSON/);

    const avro = routeMessage(message(Buffer.from([0x02, 0x41, 0xff, 0xff, 0xff])), policy);
    expect(avro).toMatchObject({ action: 'dead-letter', code: 'malformed' });
    expect(avro.action === 'dead-letter' && avro.reason).toMatch(/^malformed: malformed Avro/);
  });

  it('dead-letters an invalid JSON event and labels it with the model id it names', () => {
    const payload = json({ modelId: 'scorer', modelVersion: '1', timestamp: NOW, features: {} });
    const route = routeMessage(message(payload), policy);
    expect(route).toMatchObject({ action: 'dead-letter', code: 'invalid', modelId: 'scorer' });
    expect(route.action === 'dead-letter' && route.reason).toMatch(/^invalid: .*eventId/);
  });

  it('dead-letters an empty payload (a tombstone)', () => {
    const route = routeMessage(message(Buffer.alloc(0), { payload: null }), policy);
    expect(route).toMatchObject({ action: 'dead-letter', code: 'empty-payload', modelId: undefined });
    expect(route.action === 'dead-letter' && route.reason).toMatch(/^empty-payload: /);
  });

  it('dead-letters an oversized payload under the dlq policy and drops it under the drop policy', () => {
    const payload = json(raw({ pad: 'x'.repeat(MAX_BYTES) }));
    const route = routeMessage(message(payload), policy);
    expect(route).toMatchObject({ action: 'dead-letter', code: 'payload-too-large', modelId: undefined });
    expect(route.action === 'dead-letter' && route.reason).toMatch(/^payload-too-large: payload too large: \d+ bytes > limit of 2048 bytes/);
    expect(routeMessage(message(payload), { ...policy, oversizedPolicy: 'drop' })).toEqual({ action: 'drop', code: 'payload-too-large', modelId: undefined });
  });

  it('dead-letters other failures under the drop policy all the same', () => {
    expect(routeMessage(message(Buffer.from('{')), { ...policy, oversizedPolicy: 'drop' })).toMatchObject({ action: 'dead-letter', code: 'malformed' });
  });

  it('keeps the reason text as `<code>: <decoder reason>` for any decoder failure', () => {
    const decoded: DecodeResult<InferenceEvent> = { ok: false, code: 'incompatible-schema', reason: 'writer schema 7 cannot be read' };
    expect(routeMessage({ decoded, hasBaseline: false, wallClockMs: NOW, recordTimestamp: undefined }, policy)).toEqual({
      action: 'dead-letter',
      code: 'incompatible-schema',
      reason: 'incompatible-schema: writer schema 7 cannot be read',
      modelId: undefined,
    });
  });

  it('decides before looking at clocks or baselines', () => {
    const m = message(Buffer.from('{'), { hasBaseline: false, recordTimestamp: undefined });
    expect(routeMessage(m, { ...policy, unknownModelPolicy: 'dlq', maxFutureSkewMs: 0 })).toMatchObject({ action: 'dead-letter', code: 'malformed' });
  });
});

describe('routeMessage: events stamped in the future', () => {
  const future = NOW + 3 * DAY + 5 * HOUR;

  it('dead-letters an event too far ahead of the aggregator clock, with the exact reason', () => {
    const route = routeMessage(message(json(raw({ timestamp: future }))), policy);
    expect(route).toEqual({
      action: 'dead-letter',
      code: 'future-timestamp',
      reason: `future-timestamp: timestamp ${new Date(future).toISOString()} is 3 days ahead of the aggregator clock (limit 3600 s)`,
      modelId: 'scorer',
    });
  });

  it('takes the earlier of the wall clock and the record timestamp as the clock', () => {
    const at = NOW + HOUR + 30_000;
    // Against the wall clock the event is 1 h 0.5 min ahead: within a 2 h limit, past a 1 h one.
    expect(routeMessage(message(json(raw({ timestamp: at })), { recordTimestamp: undefined }), policy).action).toBe('dead-letter');
    expect(routeMessage(message(json(raw({ timestamp: at })), { recordTimestamp: undefined }), { ...policy, maxFutureSkewMs: 2 * HOUR }).action).toBe(
      'window',
    );
    // A record stamped 2 h before the wall clock (a replay, or a backlog): judged against the record.
    const replayed = message(json(raw({ timestamp: NOW })), { wallClockMs: NOW + 2 * HOUR, recordTimestamp: String(NOW - 2 * HOUR) });
    expect(routeMessage(replayed, policy)).toMatchObject({ action: 'dead-letter', code: 'future-timestamp' });
    expect(routeMessage(replayed, policy)).toMatchObject({ reason: expect.stringMatching(/is 2 h ahead of the aggregator clock \(limit 3600 s\)$/) });
  });

  it('accepts an event exactly at the limit, and anything when the check is off', () => {
    expect(routeMessage(message(json(raw({ timestamp: NOW + HOUR })), { recordTimestamp: undefined }), policy).action).toBe('window');
    expect(routeMessage(message(json(raw({ timestamp: future }))), { ...policy, maxFutureSkewMs: 0 }).action).toBe('window');
  });

  it('is checked before the baseline: a future event of an unknown model is a future-timestamp dead letter', () => {
    const route = routeMessage(message(json(raw({ timestamp: future })), { hasBaseline: false }), { ...policy, unknownModelPolicy: 'dlq' });
    expect(route).toMatchObject({ action: 'dead-letter', code: 'future-timestamp' });
  });
});

describe('routeMessage: events of a model without a baseline', () => {
  const stranger = json(raw({ modelId: 'stranger', modelVersion: '1' }));

  it('dead-letters them under the dlq policy, with the exact reason', () => {
    expect(routeMessage(message(stranger, { hasBaseline: false }), { ...policy, unknownModelPolicy: 'dlq' })).toEqual({
      action: 'dead-letter',
      code: 'no-baseline',
      reason: 'no-baseline: model stranger version 1 has no baseline',
      modelId: 'stranger',
    });
  });

  it('windows them with samples under the sample policy, without under the count policy', () => {
    const sampled = routeMessage(message(stranger, { hasBaseline: false }), policy);
    expect(sampled).toMatchObject({ action: 'window', modelId: 'stranger', samples: 500 });
    expect(sampled.action === 'window' && sampled.event).toMatchObject({ eventId: 'e1', modelId: 'stranger', modelVersion: '1', timestamp: NOW - 1_000 });
    expect(routeMessage(message(stranger, { hasBaseline: false }), { ...policy, unknownModelPolicy: 'count' })).toMatchObject({ action: 'window', samples: 0 });
    expect(routeMessage(message(stranger, { hasBaseline: false }), { ...policy, samplesPerWindow: 0 })).toMatchObject({ action: 'window', samples: 0 });
  });
});

describe('routeMessage: good events', () => {
  it('windows an event with a baseline under every policy', () => {
    for (const unknownModelPolicy of ['sample', 'count', 'dlq'] as const) {
      const route = routeMessage(message(json(raw())), { ...policy, unknownModelPolicy });
      expect(route).toMatchObject({ action: 'window', modelId: 'scorer' });
      expect(route.action === 'window' && route.event.eventId).toBe('e1');
    }
  });

  it('windows Avro events like JSON ones', () => {
    const payload = encodeInferenceEvent(raw() as never, 'avro');
    expect(routeMessage(message(payload), policy)).toMatchObject({ action: 'window', modelId: 'scorer' });
  });

  it('leaves sampling to the window: `samples` says how many raw events a window without a baseline keeps', () => {
    // A baseline can appear after a window's accumulator was made without one, so the route
    // carries the limit and the caller applies it while that accumulator has no baseline.
    expect(routeMessage(message(json(raw())), policy)).toMatchObject({ action: 'window', samples: 500 });
  });
});

describe('modelIdOfInvalid', () => {
  const invalid = { ok: false as const, code: 'invalid' as const, reason: 'eventId is required', format: 'json' as const };

  it('reads the model id of a JSON event that failed validation', () => {
    expect(modelIdOfInvalid(invalid, json({ modelId: 'scorer' }))).toBe('scorer');
  });

  it('gives none for other failures, other formats, no payload, or an unusable model id', () => {
    expect(modelIdOfInvalid({ ...invalid, code: 'malformed' }, json({ modelId: 'scorer' }))).toBeUndefined();
    expect(modelIdOfInvalid({ ...invalid, format: 'avro' }, json({ modelId: 'scorer' }))).toBeUndefined();
    expect(modelIdOfInvalid(invalid, null)).toBeUndefined();
    expect(modelIdOfInvalid(invalid, undefined)).toBeUndefined();
    expect(modelIdOfInvalid(invalid, Buffer.from('{'))).toBeUndefined();
    for (const modelId of ['', 'x'.repeat(129), 42, null]) expect(modelIdOfInvalid(invalid, json({ modelId }))).toBeUndefined();
    expect(modelIdOfInvalid(invalid, json({ modelId: 'x'.repeat(128) }))).toBe('x'.repeat(128));
  });
});
