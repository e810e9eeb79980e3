import { DEFAULT_ALERTER_CONFIG, type AlerterConfig } from '@driftwatch/config';

/** What a host sets in code beside the configuration. */
export interface AlerterHooks {
  /** Consumer tuning (tests shorten the waits). */
  consumer: { maxWaitTimeMs?: number; sessionTimeoutMs?: number; heartbeatIntervalMs?: number; restartDelayMs?: number };
  /** Version states kept in memory between batches (default INCIDENT_STATE_CAPACITY; tests lower it to force evictions). */
  stateCapacity?: number;
}

/**
 * What the incident engine and the webhook dispatcher run with: the configuration's `alerter`
 * section (its variables are read by `loadConfig`, see @driftwatch/config alerter-config.ts)
 * and the host's hooks.
 */
export type AlerterOptions = AlerterConfig & AlerterHooks;

export const DEFAULT_ALERTER_OPTIONS: Readonly<AlerterOptions> = Object.freeze({ ...DEFAULT_ALERTER_CONFIG, consumer: {} });

export function alerterOptions(section: AlerterConfig, hooks: Partial<AlerterHooks> = {}): AlerterOptions {
  return { ...section, consumer: {}, ...hooks };
}
