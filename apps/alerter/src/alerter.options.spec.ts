import { ConfigError, loadConfig } from '@driftwatch/config';
import { describe, expect, it } from 'vitest';
import { alerterOptions, DEFAULT_ALERTER_OPTIONS } from './alerter.options';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected loadConfig to throw');
}

describe('alerter options from loadConfig', () => {
  it('defaults without variables', () => {
    expect(alerterOptions(loadConfig({}).alerter)).toEqual(DEFAULT_ALERTER_OPTIONS);
  });

  it('reads the variables and lets overrides win', () => {
    const o = alerterOptions(
      loadConfig(
      {
        DRIFTWATCH_INCIDENT_OPEN_AFTER: '2',
        DRIFTWATCH_INCIDENT_RESOLVE_AFTER: '5',
        DRIFTWATCH_INCIDENT_COOLDOWN_SECONDS: '0',
        DRIFTWATCH_WEBHOOKS: 'OFF',
        DRIFTWATCH_WEBHOOK_MAX_ATTEMPTS: '3',
        DRIFTWATCH_WEBHOOK_RETRY_FOR_SECONDS: '600',
        DRIFTWATCH_WEBHOOK_BASE_DELAY_MS: '50',
        DRIFTWATCH_WEBHOOK_MAX_DELAY_MS: '500',
        DRIFTWATCH_WEBHOOK_TIMEOUT_MS: '2000',
        DRIFTWATCH_WEBHOOK_REFRESH_MS: '100',
        DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE: 'true',
        DRIFTWATCH_WEBHOOK_CONCURRENCY: '2',
        DRIFTWATCH_WEBHOOK_QUEUE_SIZE: '10',
        DRIFTWATCH_WEBHOOK_BREAKER_FAILURES: '3',
        DRIFTWATCH_WEBHOOK_BREAKER_OPEN_MS: '5000',
      },
      { alerter: { openIncidentsRefreshMs: 5 } },
      ).alerter,
    );
    expect(o.incidentPolicy).toEqual({ openAfter: 2, resolveAfter: 5, cooldownSeconds: 0 });
    expect(o.webhooksEnabled).toBe(false);
    expect(o.webhookRetry).toMatchObject({ maxAttempts: 3, retryForMs: 600_000, baseDelayMs: 50, maxDelayMs: 500 });
    // By default a delivery is bounded by time alone: an hour, so a receiver's outage of minutes loses nothing.
    expect(loadConfig({}).alerter.webhookRetry).toMatchObject({ maxAttempts: 0, retryForMs: 3_600_000 });
    expect(o).toMatchObject({ webhookTimeoutMs: 2000, destinationRefreshMs: 100, openIncidentsRefreshMs: 5, webhookAllowPrivate: true });
    expect(o.webhookIsolation).toEqual({ concurrency: 2, queueSize: 10, breaker: { failureThreshold: 3, openMs: 5000 } });
    expect(loadConfig({}).alerter.webhookAllowPrivate).toBe(false);
  });

  it('names every invalid variable', () => {
    expect(
      problemsOf({
        DRIFTWATCH_INCIDENT_OPEN_AFTER: '0',
        DRIFTWATCH_WEBHOOKS: 'Maybe',
        DRIFTWATCH_WEBHOOK_MAX_ATTEMPTS: '+3',
        DRIFTWATCH_WEBHOOK_RETRY_FOR_SECONDS: '0',
        DRIFTWATCH_WEBHOOK_TIMEOUT_MS: '99',
        DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE: 'sometimes',
        DRIFTWATCH_WEBHOOK_QUEUE_SIZE: '0',
      }),
    ).toEqual([
      'DRIFTWATCH_INCIDENT_OPEN_AFTER: expected an integer 1..10000, got "0"',
      'DRIFTWATCH_WEBHOOKS: expected on or off, got "maybe"',
      'DRIFTWATCH_WEBHOOK_MAX_ATTEMPTS: expected an integer 0..1000, got "+3"',
      'DRIFTWATCH_WEBHOOK_RETRY_FOR_SECONDS: expected an integer 1..604800, got "0"',
      'DRIFTWATCH_WEBHOOK_TIMEOUT_MS: expected an integer 100..600000, got "99"',
      'DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE: expected on or off, got "sometimes"',
      'DRIFTWATCH_WEBHOOK_QUEUE_SIZE: expected an integer 1..100000, got "0"',
    ]);
  });
});
