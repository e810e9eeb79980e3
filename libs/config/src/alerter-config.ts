import { DEFAULT_INCIDENT_POLICY, DEFAULT_RETRY_POLICY, type IncidentPolicy, type RetryPolicy } from '@driftwatch/alerting';
import type { EnvReader } from './env-reader';

/**
 * The alerter's own variables (all optional): DRIFTWATCH_INCIDENT_OPEN_AFTER (1),
 * DRIFTWATCH_INCIDENT_RESOLVE_AFTER (3), DRIFTWATCH_INCIDENT_COOLDOWN_SECONDS (3600) — defaults
 * for models whose evaluations carry no policy of their own; DRIFTWATCH_WEBHOOKS (on|off),
 * DRIFTWATCH_WEBHOOK_MAX_ATTEMPTS (6), DRIFTWATCH_WEBHOOK_BASE_DELAY_MS (1000),
 * DRIFTWATCH_WEBHOOK_MAX_DELAY_MS (60000), DRIFTWATCH_WEBHOOK_TIMEOUT_MS (10000),
 * DRIFTWATCH_WEBHOOK_REFRESH_MS (10000: how soon a destination changed through the API is used).
 */
export interface AlerterConfig {
  readonly incidentPolicy: Readonly<IncidentPolicy>;
  readonly webhooksEnabled: boolean;
  readonly webhookRetry: Readonly<RetryPolicy>;
  readonly webhookTimeoutMs: number;
  readonly destinationRefreshMs: number;
  /** How often the open-incident gauge is re-read from the store besides after each change. */
  readonly openIncidentsRefreshMs: number;
}

export const DEFAULT_ALERTER_CONFIG: AlerterConfig = Object.freeze({
  incidentPolicy: Object.freeze({ ...DEFAULT_INCIDENT_POLICY }),
  webhooksEnabled: true,
  webhookRetry: Object.freeze({ ...DEFAULT_RETRY_POLICY }),
  webhookTimeoutMs: 10_000,
  destinationRefreshMs: 10_000,
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
      maxAttempts: r.unsignedInteger('DRIFTWATCH_WEBHOOK_MAX_ATTEMPTS', d.webhookRetry.maxAttempts, 1, 100),
      baseDelayMs: r.unsignedInteger('DRIFTWATCH_WEBHOOK_BASE_DELAY_MS', d.webhookRetry.baseDelayMs, 1, 3_600_000),
      maxDelayMs: r.unsignedInteger('DRIFTWATCH_WEBHOOK_MAX_DELAY_MS', d.webhookRetry.maxDelayMs, 1, 3_600_000),
    },
    webhookTimeoutMs: r.unsignedInteger('DRIFTWATCH_WEBHOOK_TIMEOUT_MS', d.webhookTimeoutMs, 100, 600_000),
    destinationRefreshMs: r.unsignedInteger('DRIFTWATCH_WEBHOOK_REFRESH_MS', d.destinationRefreshMs, 100, 3_600_000),
    openIncidentsRefreshMs: d.openIncidentsRefreshMs,
  };
}
