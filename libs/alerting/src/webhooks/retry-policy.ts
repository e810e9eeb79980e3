export interface RetryPolicy {
  /** Attempts in all, the first included; 0: no limit on attempts, `retryForMs` alone bounds a delivery. */
  maxAttempts: number;
  /**
   * How long a delivery is retried, counted from when it was queued: once this has passed, its
   * next failed attempt (or its wait for an open circuit) gives it up. Sized to outlast a
   * receiver's outage of minutes, deploys and restarts included, so they lose nothing.
   */
  retryForMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this gives up at once rather than holding the partition. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 0,
  retryForMs: 3_600_000,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
});

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff And Jitter): a uniform delay in
 * [0, min(max, base·2^(attempt-1))), so receivers recovering from an outage are not hit by every
 * sender at the same instant. `attempt` is the number of the attempt that just failed (1-based).
 */
export function backoffDelayMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After in ms (delta-seconds or an HTTP date, RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** 5xx, 408 (timeout) and 429 (rate limited) are worth retrying; other 4xx mean the request itself is wrong. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}
