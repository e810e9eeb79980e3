import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { IncidentEvent } from '@driftwatch/contracts';
import { literalHostRefusal } from './address-policy';
import { checkedLookup, RefusedAddressError, systemResolver, type HostResolver } from './checked-lookup';
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
  /**
   * DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE: false (the default) refuses loopback, private, link-local and
   * other non-public addresses, literal or resolved, as a permanent failure (not retried).
   */
  allowPrivate?: boolean;
  /** Name resolution (default `dns.lookup`, every address); tests inject one. */
  resolve?: HostResolver;
  /**
   * Asked before every attempt (the destination's circuit breaker): undefined lets it go; a reason
   * refuses the attempt and gives the delivery up with that reason; `{ waitMs, reason }` holds the
   * delivery that long (no attempt is counted) and asks again, until the retry window ends, which
   * gives it up with that reason.
   */
  gate?: () => GateDecision;
  /** When the delivery was queued (default: when this call starts): the retry window counts from here. */
  since?: number;
  /** Aborts waiting and the request in flight, e.g. at shutdown: the delivery then reports 'aborted'. */
  signal?: AbortSignal;
  /** Called after every attempt, for metrics and logs. */
  onAttempt?: (attempt: AttemptReport) => void;
  /** Injected in tests. */
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type GateDecision = string | { waitMs: number; reason: string } | undefined;

export interface AttemptReport {
  destination: string;
  deliveryId: string;
  attempt: number;
  /** HTTP status, or undefined when no response came (timeout, connection refused). */
  status?: number;
  outcome: 'delivered' | 'retry' | 'failed';
  /** Safe to log: no URL path, no secret, no request or response body. */
  reason?: string;
  /** Not sent: the address policy or the circuit refused it (no receiver was asked). */
  refused?: true;
}

export type DeliveryOutcome = 'delivered' | 'failed' | 'aborted';

export interface DeliveryResult {
  outcome: DeliveryOutcome;
  deliveryId: string;
  attempts: number;
  status?: number;
  /** Why it failed, safe to log and to put in a DLQ header: status code and fixed words, never the response body. */
  reason?: string;
}

const USER_AGENT = 'driftwatch-webhook/1';

/**
 * Delivers one incident event to one destination: signed, with the same Idempotency-Key on every
 * attempt, retried on network errors, 5xx, 408 and 429 with exponential backoff and full jitter
 * (at least as long as Retry-After asks), and given up once `retryForMs` has passed since it was
 * queued (a backoff is cut at that point for one last attempt), after `maxAttempts` when set, or
 * on any other 4xx.
 * Redirects are not followed (the signature is for this URL). The response body is never read:
 * reasons carry the status code only. A destination refused by the address policy (see
 * `allowPrivate`) or by `gate` fails at once without retries. Never throws for a delivery
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

  const deadline = (options.since ?? now()) + policy.retryForMs;
  const window = `${Math.round(policy.retryForMs / 1000)} s`;
  const after = (attempt: number) => (attempt > 1 ? ` (after ${last.reason} on attempt ${attempt - 1})` : '');

  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) return { outcome: 'aborted', deliveryId, attempts: attempt - 1, reason: 'stopped' };
    for (let decision = options.gate?.(); decision !== undefined; decision = options.gate?.()) {
      if (typeof decision === 'string') {
        options.onAttempt?.({ destination: label, deliveryId, attempt, outcome: 'failed', reason: decision, refused: true });
        return { outcome: 'failed', deliveryId, attempts: attempt - 1, status: last.status, reason: `${label}: ${decision}${after(attempt)}` };
      }
      const left = deadline - now();
      if (left <= 0) {
        return { outcome: 'failed', deliveryId, attempts: attempt - 1, status: last.status, reason: `${label}: ${decision.reason}${after(attempt)}; retry window of ${window} over` };
      }
      try {
        await sleep(Math.max(1, Math.min(decision.waitMs, left)), options.signal);
      } catch {
        return { outcome: 'aborted', deliveryId, attempts: attempt - 1, reason: 'stopped' };
      }
    }
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
    if (response.refused) {
      options.onAttempt?.({ destination: label, deliveryId, attempt, outcome: 'failed', reason: response.reason, refused: true });
      return { outcome: 'failed', deliveryId, attempts: attempt, reason: `${label}: refused: ${response.reason} (not retried)` };
    }

    if (response.status !== undefined && response.status >= 200 && response.status < 300) {
      options.onAttempt?.({ destination: label, deliveryId, attempt, status: response.status, outcome: 'delivered' });
      return { outcome: 'delivered', deliveryId, attempts: attempt, status: response.status };
    }
    const retryable = response.status === undefined || isRetryableStatus(response.status);
    last = { status: response.status, reason: response.reason };
    // A backoff never runs past the window (one last attempt at its end); Retry-After is the receiver's
    // request and is honoured whole, up to maxRetryAfterMs.
    let delay = Math.min(backoffDelayMs(attempt, policy, options.random), Math.max(0, deadline - now()));
    const retryAfter = parseRetryAfterMs(response.retryAfter, now());
    if (retryAfter !== undefined) {
      if (retryAfter > policy.maxRetryAfterMs) {
        last.reason += ` (Retry-After ${Math.round(retryAfter / 1000)} s exceeds the limit of ${Math.round(policy.maxRetryAfterMs / 1000)} s)`;
        options.onAttempt?.({ destination: label, deliveryId, attempt, status: response.status, outcome: 'failed', reason: last.reason });
        return { outcome: 'failed', deliveryId, attempts: attempt, status: last.status, reason: `${label}: ${last.reason}` };
      }
      delay = Math.max(delay, retryAfter);
    }
    const outOfAttempts = policy.maxAttempts > 0 && attempt >= policy.maxAttempts;
    const outOfTime = now() >= deadline;
    const final = !retryable || outOfAttempts || outOfTime;
    options.onAttempt?.({ destination: label, deliveryId, attempt, status: response.status, outcome: final ? 'failed' : 'retry', reason: last.reason });
    if (final) {
      if (!retryable) last.reason += ' (not retried)';
      const why = retryable && !outOfAttempts ? `; retry window of ${window} over` : '';
      return { outcome: 'failed', deliveryId, attempts: attempt, status: last.status, reason: `${label}: ${last.reason} after ${attempt} attempt(s)${why}` };
    }
    try {
      await sleep(delay, options.signal);
    } catch {
      return { outcome: 'aborted', deliveryId, attempts: attempt, reason: 'stopped' };
    }
  }
}

interface PostResult {
  status?: number;
  retryAfter?: string | null;
  reason: string;
  /** The address policy refused the destination: nothing was sent. */
  refused?: boolean;
}

/**
 * One POST over node:http(s) rather than fetch, for the `lookup` hook: a host name is resolved,
 * every address checked, and the socket connects to a checked one (no second resolution that DNS
 * rebinding could answer differently). TLS still verifies the certificate for the host name.
 */
function post(url: string, body: string, headers: Record<string, string>, options: WebhookClientOptions): Promise<PostResult> {
  const target = new URL(url);
  const allowPrivate = options.allowPrivate ?? false;
  const literal = literalHostRefusal(target.hostname, allowPrivate);
  if (literal !== undefined) return Promise.resolve({ refused: true, reason: literal.replace(/^url: /, '') });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PostResult>((resolve) => {
    const req = send(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: checkedLookup(allowPrivate, options.resolve ?? systemResolver),
      // One connection per attempt: a pooled socket could outlive the check of the address it was opened to.
      agent: false,
      signal,
    });
    req.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const retryAfter = response.headers['retry-after'] ?? null;
      // The body is never read (it may echo anything): drop the connection rather than drain it.
      response.destroy();
      resolve({ status, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, reason: `HTTP ${status}` });
    });
    req.on('error', (error: Error & { code?: string }) => {
      if (error instanceof RefusedAddressError) return resolve({ refused: true, reason: error.message });
      if (timeout.aborted) return resolve({ reason: `timed out after ${timeoutMs} ms` });
      if (options.signal?.aborted) return resolve({ reason: 'stopped' });
      // Only the error code: messages of node's socket errors name the address and port.
      resolve({ reason: `request failed: ${error.code ?? error.name}` });
    });
    req.end(body);
  });
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
