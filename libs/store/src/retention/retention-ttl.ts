import { DEFAULT_RETENTION_CONFIG, type RetentionConfig } from '@driftwatch/config';
import type { StoreClient } from '../client/store-client';

/** One table's TTL: which retention setting it follows and the expression its rows expire at. */
export interface RetentionRule {
  readonly table: string;
  readonly setting: keyof RetentionConfig;
  /** The TTL clause for `days` (a whole number, checked by the caller: spliced into DDL). */
  ttl(days: number): string;
}

// TTL expressions must be Date or DateTime: the DateTime64 columns are converted.
const after = (column: string) => (days: number) => `toDateTime(${column}) + INTERVAL ${days} DAY`;

/**
 * Every table that grows with traffic and the setting its TTL follows. Not here: `predictions`
 * and `labels` (their own per-row `expires_at`, DRIFTWATCH_PREDICTION_RETENTION_DAYS and
 * DRIFTWATCH_LABEL_RETENTION_DAYS), `ingest_flushes` (30 days since migration 0003: only a
 * partition's last plan matters), and the tables with one row per model or version
 * (baselines, policies, incident_states, performance_cursors, webhook_destinations).
 */
export const RETENTION_RULES: readonly RetentionRule[] = [
  { table: 'windows', setting: 'windowDays', ttl: after('window_start') },
  { table: 'window_features', setting: 'windowDays', ttl: after('window_start') },
  { table: 'window_feature_kinds', setting: 'windowDays', ttl: after('window_start') },
  { table: 'drift_results', setting: 'resultDays', ttl: after('window_start') },
  { table: 'performance_windows', setting: 'resultDays', ttl: after('window_start') },
  // Every revision of an incident has the same opened_at, so they expire together: an older
  // "open" revision can never outlive the "resolved" one and show the incident open again.
  { table: 'incidents', setting: 'incidentDays', ttl: after('opened_at') },
  { table: 'event_samples', setting: 'sampleDays', ttl: after('inserted_at') },
];

/** The statement that sets `rule`'s TTL to `days`. */
export function modifyTtlStatement(db: string, rule: RetentionRule, days: number): string {
  if (!Number.isSafeInteger(days) || days < 1) throw new RangeError(`retention of ${rule.table}: days must be a positive integer, got ${days}`);
  return `ALTER TABLE ${db}.${rule.table} MODIFY TTL ${rule.ttl(days)}`;
}

/**
 * Sets every table's TTL to the configured retention where it differs from what the table has
 * (read from system.tables), so an unchanged setting costs no ALTER (which rewrites the TTL
 * information of every part) at each start. Returns the tables changed.
 */
export async function applyRetention(store: StoreClient, db: string, retention: RetentionConfig = DEFAULT_RETENTION_CONFIG): Promise<string[]> {
  const result = await store.client.query({
    query: `SELECT name, engine_full FROM system.tables WHERE database = {database:String}`,
    query_params: { database: store.database },
    format: 'JSONEachRow',
  });
  const engines = new Map((await result.json<{ name: string; engine_full: string }>()).map((r) => [r.name, r.engine_full]));
  const changed: string[] = [];
  for (const rule of RETENTION_RULES) {
    const days = retention[rule.setting];
    const engine = engines.get(rule.table);
    if (engine === undefined || hasTtlDays(engine, days)) continue;
    await store.client.command({ query: modifyTtlStatement(db, rule, days) });
    changed.push(rule.table);
  }
  return changed;
}

/** Whether a table's engine clause already holds a TTL of `days` days (ClickHouse writes `toIntervalDay(N)`). */
export function hasTtlDays(engineFull: string, days: number): boolean {
  return new RegExp(`\\bTTL\\b.*toIntervalDay\\(${days}\\)`).test(engineFull);
}
