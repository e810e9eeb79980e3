import { describe, expect, it } from 'vitest';
import fixtures from '../../fixtures/signatures.json';
import { deliveryIdOf } from './delivery-id.util';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('signWebhook', () => {
  it.each(fixtures.signatures)('matches Python hmac for timestamp $timestamp', ({ secret, timestamp, body, signature }) => {
    expect(signWebhook(secret, timestamp, body)).toBe(signature);
  });
});

describe('verifyWebhookSignature', () => {
  const [{ secret, timestamp, body, signature }] = fixtures.signatures;
  const now = { nowSeconds: timestamp + 10 };

  it('accepts the right signature, also among several (secret rotation)', () => {
    expect(verifyWebhookSignature(secret, String(timestamp), body, signature, now)).toEqual({ ok: true });
    expect(verifyWebhookSignature(secret, String(timestamp), body, `v1=${'0'.repeat(64)}, ${signature}`, now)).toEqual({ ok: true });
  });

  it('refuses a changed body, another secret, a stale timestamp or missing headers', () => {
    expect(verifyWebhookSignature(secret, String(timestamp), `${body} `, signature, now)).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifyWebhookSignature(`${secret}x`, String(timestamp), body, signature, now)).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifyWebhookSignature(secret, String(timestamp), body, signature, { nowSeconds: timestamp + 301 })).toEqual({
      ok: false,
      reason: 'timestamp outside the tolerance',
    });
    expect(verifyWebhookSignature(secret, undefined, body, signature, now).ok).toBe(false);
    expect(verifyWebhookSignature(secret, String(timestamp), body, undefined, now).ok).toBe(false);
  });
});

describe('deliveryIdOf', () => {
  it.each(fixtures.deliveries)('matches the reference for $eventType', (d) => {
    expect(deliveryIdOf({ incidentId: d.incidentId, eventType: d.eventType as 'opened', updatedAt: d.updatedAt }, d.destinationId)).toBe(d.deliveryId);
  });
});
