import { TEST_BROKERS } from './test-brokers';

export interface IsolatedEnvOptions {
  /** The embedded ClickHouse data directory. */
  dataDir: string;
  /** Consumer-group prefix; by default the same unique base as the topics. */
  groupPrefix?: string;
  brokers?: readonly string[];
}

/**
 * Environment variables that give one test run topics (all six) and consumer groups of its
 * own, named from `base` (a `uniqueName`), so runs never read each other's messages or offsets.
 */
export function isolatedEnv(base: string, { dataDir, groupPrefix = base, brokers = TEST_BROKERS }: IsolatedEnvOptions): Record<string, string> {
  return {
    KAFKA_BROKERS: brokers.join(','),
    DRIFTWATCH_DATA_DIR: dataDir,
    DRIFTWATCH_CONSUMER_GROUP_PREFIX: groupPrefix,
    DRIFTWATCH_TOPIC_EVENTS: `${base}.events`,
    DRIFTWATCH_TOPIC_LABELS: `${base}.labels`,
    DRIFTWATCH_TOPIC_WINDOWS: `${base}.windows`,
    DRIFTWATCH_TOPIC_EVALUATIONS: `${base}.evaluations`,
    DRIFTWATCH_TOPIC_INCIDENTS: `${base}.incidents`,
    DRIFTWATCH_TOPIC_DLQ: `${base}.dlq`,
    ...TEST_RETENTION_ENV,
  };
}

/**
 * Tests write windows, results and incidents at fixed dates (late 2026): with the default
 * retention (90 days and up) ClickHouse's TTL merges would start deleting them some months later.
 * Ten years keeps those dates alive; the retention itself is tested with its own settings.
 */
export const TEST_RETENTION_ENV: Readonly<Record<string, string>> = Object.freeze({
  DRIFTWATCH_WINDOW_RETENTION_DAYS: '3650',
  DRIFTWATCH_RESULT_RETENTION_DAYS: '3650',
  DRIFTWATCH_INCIDENT_RETENTION_DAYS: '3650',
  DRIFTWATCH_SAMPLE_RETENTION_DAYS: '3650',
});

export interface WindowSettings {
  windowSeconds?: number;
  outOfOrdernessSeconds?: number;
  graceSeconds?: number;
  idleCloseSeconds?: number;
}

/** The DRIFTWATCH_WINDOW_* variables; unset ones get the values most tests use (60 s windows, 5 s, 10 s, 300 s). */
export function windowEnv(o: WindowSettings = {}): Record<string, string> {
  return {
    DRIFTWATCH_WINDOW_SECONDS: String(o.windowSeconds ?? 60),
    DRIFTWATCH_WINDOW_OUT_OF_ORDERNESS_SECONDS: String(o.outOfOrdernessSeconds ?? 5),
    DRIFTWATCH_WINDOW_GRACE_SECONDS: String(o.graceSeconds ?? 10),
    DRIFTWATCH_WINDOW_IDLE_CLOSE_SECONDS: String(o.idleCloseSeconds ?? 300),
  };
}
