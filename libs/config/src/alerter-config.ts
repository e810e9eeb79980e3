import { DEFAULT_CIRCUIT_BREAKER_POLICY, DEFAULT_INCIDENT_POLICY, DEFAULT_RETRY_POLICY, type CircuitBreakerPolicy, type IncidentPolicy, type RetryPolicy } from '@driftwatch/alerting';
import type { EnvReader } from './env-reader';

/**
 * The alerter's own variables (all optional): DRIFTWATCH_INCIDENT_OPEN_AFTER (1),
 * DRIFTWATCH_INCIDENT_RESOLVE_AFTER (3), DRIFTWATCH_INCIDENT_COOLDOWN_SECONDS (3600) — defaults
 * for models whose evaluations carry no policy of their own; DRIFTWATCH_WEBHOOKS (on|off),
 * DRIFTWATCH_WEBHOOK_RETRY_FOR_SECONDS (3600: how long a delivery is retried, from when it was
 * queued), DRIFTWATCH_WEBHOOK_MAX_ATTEMPTS (0: no limit besides that), DRIFTWATCH_WEBHOOK_BASE_DELAY_MS (1000),
 * DRIFTWATCH_WEBHOOK_MAX_DELAY_MS (60000), DRIFTWATCH_WEBHOOK_TIMEOUT_MS (10000),
 * DRIFTWATCH_WEBHOOK_REFRESH_MS (10000: how soon a destination changed through the API is used);
 * DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE (false: loopback, private, link-local and other non-public
 * destinations are refused, by the API and again at delivery); per destination
 * DRIFTWATCH_WEBHOOK_CONCURRENCY (1), DRIFTWATCH_WEBHOOK_QUEUE_SIZE (1000),
 * DRIFTWATCH_WEBHOOK_BREAKER_FAILURES (5), DRIFTWATCH_WEBHOOK_BREAKER_OPEN_MS (60000).
 */
export interface AlerterConfig {
  readonly incidentPolicy: Readonly<IncidentPolicy>;
  readonly webhooksEnabled: boolean;
  readonly webhookRetry: Readonly<RetryPolicy>;
  readonly webhookTimeoutMs: number;
  readonly destinationRefreshMs: number;
  /** Read by the API too (it refuses non-public literal addresses when a destination is saved). */
  readonly webhookAllowPrivate: boolean;
  readonly webhookIsolation: Readonly<WebhookIsolation>;
  /** How often the open-incident gauge is re-read from the store besides after each change. */
  readonly openIncidentsRefreshMs: number;
}

/** Each destination's own lane: deliveries in flight, deliveries waiting, and its circuit breaker. */
export interface WebhookIsolation {
  /** 1 keeps each destination's events in order. */
  concurrency: number;
  /** Deliveries waiting beyond this are dead-lettered at once with a reason. */
  queueSize: number;
  breaker: Readonly<CircuitBreakerPolicy>;
}

export const DEFAULT_ALERTER_CONFIG: AlerterConfig = Object.freeze({
  incidentPolicy: Object.freeze({ ...DEFAULT_INCIDENT_POLICY }),
  webhooksEnabled: true,
  webhookRetry: Object.freeze({ ...DEFAULT_RETRY_POLICY }),
  webhookTimeoutMs: 10_000,
  destinationRefreshMs: 10_000,
  webhookAllowPrivate: false,
  webhookIsolation: Object.freeze({ concurrency: 1, queueSize: 1_000, breaker: Object.freeze({ ...DEFAULT_CIRCUIT_BREAKER_POLICY }) }),
  openIncidentsRefreshMs: 60_000,
});

export function readAlerterConfig(r: EnvReader): AlerterConfig {
  const d = DEFAULT_ALERTER_CONFIG;
  return {
    incidentPolicy: {
      openAfter: r.unsignedInteger('DRIFTWATCH_INCIDENT_OPEN_AFTER', d.incidentPolicy.openAfter, 1, 10_000),
      resolveAfter: r.unsignedInteger('DRIFTWATCH_INCIDENT_RESOLVE_AFTER', d.incidentPolicy.resolveAfter, 1, 10_000),
      cooldownSeconds: r.unsignedInteger('DRIFTWATCH_INCIDENT_COOLDOWN_SECONDS', d.incidentPolicy.cooldownSeconds, 0, 365 * 24 * 3600),
    },
    webhooksEnabled: r.flag('DRIFTWATCH_WEBHOOKS', d.webhooksEnabled),
    webhookRetry: {
      ...d.webhookRetry,
      maxAttempts: r.unsignedInteger('DRIFTWATCH_WEBHOOK_MAX_ATTEMPTS', d.webhookRetry.maxAttempts, 0, 1_000),
      retryForMs: r.unsignedInteger('DRIFTWATCH_WEBHOOK_RETRY_FOR_SECONDS', d.webhookRetry.retryForMs / 1000, 1, 7 * 86_400) * 1000,
      baseDelayMs: r.unsignedInteger('DRIFTWATCH_WEBHOOK_BASE_DELAY_MS', d.webhookRetry.baseDelayMs, 1, 3_600_000),
      maxDelayMs: r.unsignedInteger('DRIFTWATCH_WEBHOOK_MAX_DELAY_MS', d.webhookRetry.maxDelayMs, 1, 3_600_000),
    },
    webhookTimeoutMs: r.unsignedInteger('DRIFTWATCH_WEBHOOK_TIMEOUT_MS', d.webhookTimeoutMs, 100, 600_000),
    destinationRefreshMs: r.unsignedInteger('DRIFTWATCH_WEBHOOK_REFRESH_MS', d.destinationRefreshMs, 100, 3_600_000),
    webhookAllowPrivate: r.flag('DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE', d.webhookAllowPrivate),
    webhookIsolation: {
      concurrency: r.unsignedInteger('DRIFTWATCH_WEBHOOK_CONCURRENCY', d.webhookIsolation.concurrency, 1, 64),
      queueSize: r.unsignedInteger('DRIFTWATCH_WEBHOOK_QUEUE_SIZE', d.webhookIsolation.queueSize, 1, 100_000),
      breaker: {
        failureThreshold: r.unsignedInteger('DRIFTWATCH_WEBHOOK_BREAKER_FAILURES', d.webhookIsolation.breaker.failureThreshold, 1, 1_000),
        openMs: r.unsignedInteger('DRIFTWATCH_WEBHOOK_BREAKER_OPEN_MS', d.webhookIsolation.breaker.openMs, 100, 86_400_000),
      },
    },
    openIncidentsRefreshMs: d.openIncidentsRefreshMs,
  };
}
