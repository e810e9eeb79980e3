import type { EnvReader } from './env-reader';

/**
 * How long the tables that grow with traffic keep their rows, in days (docs/security.md, "Bounds
 * and retention"). Applied as each table's TTL when the store opens (libs/store retention.ts),
 * so a changed value applies to every row, old ones too, from the next start.
 * Variables: DRIFTWATCH_WINDOW_RETENTION_DAYS, DRIFTWATCH_RESULT_RETENTION_DAYS,
 * DRIFTWATCH_INCIDENT_RETENTION_DAYS, DRIFTWATCH_SAMPLE_RETENTION_DAYS.
 */
export interface RetentionConfig {
  /** windows, window_features, window_feature_kinds: days after the window's start (at least 8: a lagged reference reads last week's windows). */
  readonly windowDays: number;
  /** drift_results and performance_windows: days after the judged window's start. */
  readonly resultDays: number;
  /** incidents (every revision): days after the incident opened, so its revisions go together. */
  readonly incidentDays: number;
  /** event_samples: days after the sample was stored. */
  readonly sampleDays: number;
}

export const DEFAULT_RETENTION_CONFIG: RetentionConfig = Object.freeze({ windowDays: 90, resultDays: 180, incidentDays: 365, sampleDays: 30 });

export function readRetentionConfig(r: EnvReader): RetentionConfig {
  const d = DEFAULT_RETENTION_CONFIG;
  return {
    windowDays: r.unsignedInteger('DRIFTWATCH_WINDOW_RETENTION_DAYS', d.windowDays, 8, 3_650),
    resultDays: r.unsignedInteger('DRIFTWATCH_RESULT_RETENTION_DAYS', d.resultDays, 1, 3_650),
    incidentDays: r.unsignedInteger('DRIFTWATCH_INCIDENT_RETENTION_DAYS', d.incidentDays, 1, 3_650),
    sampleDays: r.unsignedInteger('DRIFTWATCH_SAMPLE_RETENTION_DAYS', d.sampleDays, 1, 3_650),
  };
}
