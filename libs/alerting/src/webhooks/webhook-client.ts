import type { IncidentEvent } from '@driftwatch/contracts';
import { deliveryIdOf } from './delivery-id.util';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfterMs, type RetryPolicy } from './retry-policy';
import { describeDestination, type WebhookDestination } from './webhook-destination';
import { webhookBody } from './webhook-payload';
import {
  ATTEMPT_HEADER,
  DELIVERY_ID_HEADER,
  EVENT_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  signWebhook,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from './webhook-signature';

export interface WebhookClientOptions {
  retry?: Partial<RetryPolicy>;
  /** Per attempt, connection to last byte read (default 10 s). */
  timeoutMs?: number;
  /** Response bytes read at most, for the failure reason (default 64 KiB); the rest is discarded. */
  maxResponseBytes?: number;
  /** Aborts waiting and the request in flight, e.g. at shutdown: the delivery then reports 'aborted'. */
  signal?: AbortSignal;
  /** Called after every attempt, for metrics and logs. */
  onAttempt?: (attempt: AttemptReport) => void;
  /** Injected in tests. */
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface AttemptReport {
  destination: string;
  deliveryId: string;
  attempt: number;
  /** HTTP status, or undefined when no response came (timeout, connection refused). */
  status?: number;
  outcome: 'delivered' | 'retry' | 'failed';
  /** Safe to log: no URL path, no secret, no request body. */
  reason?: string;
}

export type DeliveryOutcome = 'delivered' | 'failed' | 'aborted';

export interface DeliveryResult {
  outcome: DeliveryOutcome;
  deliveryId: string;
  attempts: number;
  status?: number;
  /** Why it failed, safe to log and to put in a DLQ header. */
  reason?: string;
}

const USER_AGENT = 'driftwatch-webhook/1';
const REASON_SNIPPET = 200;

/**
 * Delivers one incident event to one destination: signed, with the same Idempotency-Key on every
 * attempt, retried on network errors, 5xx, 408 and 429 with exponential backoff and full jitter
 * (at least as long as Retry-After asks), and given up after `maxAttempts` or on any other 4xx.
 * Redirects are not followed (the signature is for this URL). Never throws for a delivery
 * problem; throws only for a destination that cannot produce a body (a configuration error).
 */
export async function deliverWebhook(destination: WebhookDestination, event: IncidentEvent, options: WebhookClientOptions = {}): Promise<DeliveryResult> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const deliveryId = deliveryIdOf(event, destination.id);
  const body = webhookBody(destination, event);
  const label = describeDestination(destination);
  let last: { status?: number; reason: string } = { reason: 'not attempted' };

  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    if (options.signal?.aborted) return { outcome: 'aborted', deliveryId, attempts: attempt - 1, reason: 'stopped' };
    const timestamp = Math.floor(now() / 1000);
    const response = await post(destination.url, body, {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signWebhook(destination.secret, timestamp, body),
      [IDEMPOTENCY_KEY_HEADER]: deliveryId,
      [DELIVERY_ID_HEADER]: deliveryId,
      [EVENT_HEADER]: `incident.${event.eventType}`,
      [ATTEMPT_HEADER]: String(attempt),
    }, options);
    if (options.signal?.aborted) return { outcome: 'aborted', deliveryId, attempts: attempt, reason: 'stopped' };

    if (response.status !== undefined && response.status >= 200 && response.status < 300) {
      options.onAttempt?.({ destination: label, deliveryId, attempt, status: response.status, outcome: 'delivered' });
      return { outcome: 'delivered', deliveryId, attempts: attempt, status: response.status };
    }
    const retryable = response.status === undefined || isRetryableStatus(response.status);
    last = { status: response.status, reason: response.reason };
    let delay = backoffDelayMs(attempt, policy, options.random);
    const retryAfter = parseRetryAfterMs(response.retryAfter, now());
    if (retryAfter !== undefined) {
      if (retryAfter > policy.maxRetryAfterMs) {
        last.reason += ` (Retry-After ${Math.round(retryAfter / 1000)} s exceeds the limit of ${Math.round(policy.maxRetryAfterMs / 1000)} s)`;
        options.onAttempt?.({ destination: label, deliveryId, attempt, status: response.status, outcome: 'failed', reason: last.reason });
        return { outcome: 'failed', deliveryId, attempts: attempt, status: last.status, reason: `${label}: ${last.reason}` };
      }
      delay = Math.max(delay, retryAfter);
    }
    const final = !retryable || attempt === policy.maxAttempts;
    options.onAttempt?.({ destination: label, deliveryId, attempt, status: response.status, outcome: final ? 'failed' : 'retry', reason: last.reason });
    if (final) {
      if (!retryable) last.reason += ' (not retried)';
      return { outcome: 'failed', deliveryId, attempts: attempt, status: last.status, reason: `${label}: ${last.reason} after ${attempt} attempt(s)` };
    }
    try {
      await sleep(delay, options.signal);
    } catch {
      return { outcome: 'aborted', deliveryId, attempts: attempt, reason: 'stopped' };
    }
  }
  // Only reached with maxAttempts < 1.
  return { outcome: 'failed', deliveryId, attempts: 0, reason: `${label}: ${last.reason}` };
}

interface PostResult {
  status?: number;
  retryAfter?: string | null;
  reason: string;
}

async function post(url: string, body: string, headers: Record<string, string>, options: WebhookClientOptions): Promise<PostResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal });
    const text = await readLimited(response, options.maxResponseBytes ?? 64 * 1024);
    const snippet = text.replace(/\s+/g, ' ').trim().slice(0, REASON_SNIPPET);
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      reason: `HTTP ${response.status}${snippet ? `: ${snippet}` : ''}`,
    };
  } catch (error) {
    if (timeout.aborted) return { reason: `timed out after ${options.timeoutMs ?? 10_000} ms` };
    // The error message of fetch never contains the URL; its cause names the network failure.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { reason: `request failed: ${cause?.code ?? cause?.message ?? (error as Error).message}` };
  }
}

/** Reads at most `limit` bytes of the body and drops the rest, so a huge or endless response costs nothing. */
async function readLimited(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
