import path from 'node:path';
import { readAggregatorConfig } from './aggregator-config';
import { readAlerterConfig } from './alerter-config';
import { readApiAuthConfig } from './api-auth/api-auth-config';
import type { ClickHouseConfig, ConfigOverrides, DriftwatchConfig, WindowConfig } from './driftwatch-config';
import { readEvaluatorConfig } from './evaluator-config';
import { readKafkaSecurity } from './kafka-security-config';
import { readLabelsConfig } from './labels-config';
import { readRetentionConfig } from './retention-config';
import { type Env, EnvReader } from './env-reader';
import { Secret } from './secret';

export const DEFAULT_TOPICS = {
  events: 'inference-events',
  labels: 'inference-labels',
  windows: 'driftwatch.windows',
  evaluations: 'driftwatch.evaluations',
  incidents: 'driftwatch.incidents',
  dlq: 'driftwatch.dlq',
} as const;

const TOPIC_VARIABLES = {
  events: 'DRIFTWATCH_TOPIC_EVENTS',
  labels: 'DRIFTWATCH_TOPIC_LABELS',
  windows: 'DRIFTWATCH_TOPIC_WINDOWS',
  evaluations: 'DRIFTWATCH_TOPIC_EVALUATIONS',
  incidents: 'DRIFTWATCH_TOPIC_INCIDENTS',
  dlq: 'DRIFTWATCH_TOPIC_DLQ',
} as const;

// Kafka's own rule for topic names.
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;
// The database name is spliced into SQL as an identifier (identifiers cannot be bound as
// values everywhere, e.g. in DDL), so only plain identifiers are accepted.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const GROUP_PREFIX = /^[A-Za-z0-9._-]{1,200}$/;

/**
 * Reads and validates the whole configuration, shared settings and every service's section,
 * once at start. Throws a `ConfigError` listing every invalid variable (and override); the
 * returned object is deeply frozen.
 */
export function loadConfig(env: Env = process.env, overrides: ConfigOverrides = {}): DriftwatchConfig {
  const r = new EnvReader(env);

  const brokers = parseBrokers(r);
  const clientId = r.matching('KAFKA_CLIENT_ID', 'driftwatch', GROUP_PREFIX, 'letters, digits, ".", "_" or "-"');
  const groupPrefix = r.matching(
    'DRIFTWATCH_CONSUMER_GROUP_PREFIX',
    'driftwatch',
    GROUP_PREFIX,
    'letters, digits, ".", "_" or "-"',
  );

  const topics = Object.fromEntries(
    Object.entries(TOPIC_VARIABLES).map(([key, variable]) => [
      key,
      r.matching(variable, DEFAULT_TOPICS[key as keyof typeof DEFAULT_TOPICS], TOPIC_NAME, 'a Kafka topic name ([A-Za-z0-9._-], at most 249 characters)'),
    ]),
  ) as unknown as DriftwatchConfig['topics'];
  const duplicated = duplicates(Object.values(topics));
  if (duplicated.length > 0) {
    r.problem('DRIFTWATCH_TOPIC_*', `each topic must be distinct, ${duplicated.map((t) => JSON.stringify(t)).join(', ')} used twice`);
  }

  const maxMessageBytes = r.integer('KAFKA_MAX_MESSAGE_BYTES', 0, 0, 1024 * 1024 * 1024);
  if (maxMessageBytes > 0 && maxMessageBytes < 1024) r.problem('KAFKA_MAX_MESSAGE_BYTES', `must be 0 (read from the broker) or at least 1024, got ${maxMessageBytes}`);

  // The broker's default bounds (group.min/max.session.timeout.ms): a value outside them fails every join.
  const sessionTimeoutMs = r.integer('KAFKA_SESSION_TIMEOUT_MS', 30_000, 6_000, 1_800_000);

  const config: DriftwatchConfig = {
    kafka: {
      brokers,
      clientId,
      sessionTimeoutMs,
      ...(maxMessageBytes > 0 ? { maxMessageBytes } : {}),
      ...readKafkaSecurity(r),
      groups: {
        aggregator: `${groupPrefix}-aggregator`,
        evaluator: `${groupPrefix}-evaluator`,
        alerter: `${groupPrefix}-alerter`,
      },
    },
    clickhouse: parseClickHouse(r),
    dataDir: path.resolve(r.string('DRIFTWATCH_DATA_DIR', './.driftwatch')),
    httpPort: r.integer('HTTP_PORT', 8080, 1, 65535),
    httpHost: parseHttpHost(r),
    apiAuth: readApiAuthConfig(r),
    topics,
    maxEventBytes: r.integer('DRIFTWATCH_MAX_EVENT_BYTES', 1024 * 1024, 1, 1024 * 1024 * 1024),
    window: {
      sizeSeconds: r.integer('DRIFTWATCH_WINDOW_SECONDS', 60, 1, 31 * 24 * 3600),
      outOfOrdernessSeconds: r.number('DRIFTWATCH_WINDOW_OUT_OF_ORDERNESS_SECONDS', 5, 0),
      graceSeconds: r.number('DRIFTWATCH_WINDOW_GRACE_SECONDS', 10, 0),
      idleCloseSeconds: r.number('DRIFTWATCH_WINDOW_IDLE_CLOSE_SECONDS', 30, 0.001),
      ...modelWindowSizes(r, overrides.window?.sizeSecondsByModel),
    },
    aggregator: { ...readAggregatorConfig(r), ...overrides.aggregator },
    evaluator: { ...readEvaluatorConfig(r), ...overrides.evaluator },
    alerter: { ...readAlerterConfig(r), ...overrides.alerter },
    labels: readLabelsConfig(r, groupPrefix),
    retention: readRetentionConfig(r),
  };

  r.throwIfInvalid();
  return deepFreeze(config);
}

/** Present only when some model has its own size, so a config without any compares equal to before. */
function modelWindowSizes(r: EnvReader, sizes: Readonly<Record<string, number>> | undefined): Pick<WindowConfig, 'sizeSecondsByModel'> {
  if (sizes === undefined || Object.keys(sizes).length === 0) return {};
  for (const [model, seconds] of Object.entries(sizes)) {
    if (!Number.isInteger(seconds) || seconds <= 0) {
      r.problem('window.sizeSecondsByModel', `window size of model ${JSON.stringify(model)} must be a positive integer of seconds, got ${seconds}`);
    }
  }
  return { sizeSecondsByModel: { ...sizes } };
}

function parseHttpHost(r: EnvReader): string {
  const host = r.matching('HTTP_HOST', '127.0.0.1', /^([A-Za-z0-9.-]{1,253}|\[?[0-9A-Fa-f:.]{2,45}\]?)$/, 'a host name or an IP address (0.0.0.0 or :: for every interface)');
  return host.replace(/^\[|\]$/g, '');
}

function parseBrokers(r: EnvReader): string[] {
  const value = r.string('KAFKA_BROKERS', '127.0.0.1:9092');
  const brokers = value.split(',').map((b) => b.trim());
  const bad = brokers.filter((b) => !isHostPort(b));
  if (bad.length > 0) {
    r.problem('KAFKA_BROKERS', `expected a comma-separated list of host:port, got ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
  }
  return brokers;
}

function isHostPort(value: string): boolean {
  const colon = value.lastIndexOf(':');
  if (colon <= 0) return false;
  const host = value.slice(0, colon);
  const port = value.slice(colon + 1);
  const hostOk = /^\[[0-9A-Fa-f:.]+\]$/.test(host) || /^[A-Za-z0-9.-]+$/.test(host);
  return hostOk && /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535;
}

function parseClickHouse(r: EnvReader): ClickHouseConfig {
  const database = r.matching('CLICKHOUSE_DATABASE', 'driftwatch', IDENTIFIER, 'an identifier ([A-Za-z_][A-Za-z0-9_]*, at most 63 characters)');
  let user = r.raw('CLICKHOUSE_USER');
  const passwordValue = r.raw('CLICKHOUSE_PASSWORD');
  let password = passwordValue === undefined ? undefined : new Secret(passwordValue);
  const rawUrl = r.raw('CLICKHOUSE_URL');
  if (rawUrl === undefined) return { mode: 'embedded', database, user, password };

  let parsed: URL;
  try {
    parsed = new URL(rawUrl);
  } catch {
    // The value may carry a password, so it is not echoed.
    r.problem('CLICKHOUSE_URL', 'expected an http:// or https:// URL, got a value that is not a URL');
    return { mode: 'server', database, user, password };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    r.problem('CLICKHOUSE_URL', `expected an http:// or https:// URL, got protocol ${JSON.stringify(parsed.protocol)}`);
  }
  // Credentials in the URL move to user/password so the URL itself is safe to log.
  if (parsed.username !== '' && user === undefined) user = decodeURIComponent(parsed.username);
  if (parsed.password !== '' && password === undefined) password = new Secret(decodeURIComponent(parsed.password));
  parsed.username = '';
  parsed.password = '';
  return { mode: 'server', url: parsed.toString().replace(/\/$/, ''), user, password, database };
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Secret)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
