import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-driftwatch-signature';
export const TIMESTAMP_HEADER = 'x-driftwatch-timestamp';
export const DELIVERY_ID_HEADER = 'x-driftwatch-delivery-id';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const EVENT_HEADER = 'x-driftwatch-event';
export const ATTEMPT_HEADER = 'x-driftwatch-attempt';

/** `v1=` + hex HMAC-SHA256 over `${timestamp}.${body}`, timestamp in Unix seconds (the Stripe/Slack scheme). */
export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * What a receiver does: recompute the signature over the raw body, compare in constant time,
 * and refuse timestamps too far from its clock (a captured request cannot be replayed later).
 * Several `v1=` values separated by commas are accepted, for secret rotation.
 */
export function verifyWebhookSignature(
  secret: string,
  timestampHeader: string | undefined,
  body: string,
  signatureHeader: string | undefined,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): SignatureCheck {
  if (!timestampHeader || !/^\d{1,12}$/.test(timestampHeader)) return { ok: false, reason: 'missing or malformed timestamp' };
  if (!signatureHeader) return { ok: false, reason: 'missing signature' };
  const timestamp = Number(timestampHeader);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return { ok: false, reason: 'timestamp outside the tolerance' };
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const match = signatureHeader
    .split(',')
    .map((s) => Buffer.from(s.trim()))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  return match ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}
