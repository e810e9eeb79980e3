import type { RetentionConfig } from './retention-config';
import type { AggregatorConfig } from './aggregator-config';
import type { AlerterConfig } from './alerter-config';
import type { ApiAuthConfig } from './api-auth/api-auth-config';
import type { EvaluatorConfig } from './evaluator-config';
import type { KafkaSaslConfig, KafkaTlsConfig } from './kafka-security-config';
import type { LabelsConfig } from './labels-config';
import type { Secret } from './secret';

export interface KafkaConfig {
  /** `host:port` pairs. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** One consumer group per service role, all derived from `DRIFTWATCH_CONSUMER_GROUP_PREFIX`. */
  readonly groups: { readonly aggregator: string; readonly evaluator: string; readonly alerter: string };
  /**
   * `KAFKA_MAX_MESSAGE_BYTES`: the largest record batch producers send to any topic. Undefined
   * (the default): each topic's `max.message.bytes`, read from the broker once.
   */
  readonly maxMessageBytes?: number;
  /**
   * `KAFKA_SESSION_TIMEOUT_MS`: how long the group coordinator waits for a member that stopped
   * heartbeating (killed, not stopped) before giving its partitions to others; a start after a
   * kill waits this long at most. Default 30 000; the standalone mode's 10 000.
   */
  readonly sessionTimeoutMs: number;
  /** `KAFKA_SSL*`: present when TLS is on. Every client the project makes uses it (libs/kafka kafkaClientConfig). */
  readonly tls?: KafkaTlsConfig;
  /** `KAFKA_SASL_*`: present when a mechanism is set. */
  readonly sasl?: KafkaSaslConfig;
}

export interface ClickHouseConfig {
  /** `embedded` when `CLICKHOUSE_URL` is unset: the in-process engine under `${dataDir}/clickhouse`. */
  readonly mode: 'embedded' | 'server';
  /** Server URL without credentials (they are moved to `user`/`password`); undefined when embedded. */
  readonly url?: string;
  readonly user?: string;
  readonly password?: Secret;
  /** A plain identifier (`[A-Za-z_][A-Za-z0-9_]*`), safe to use as a quoted SQL identifier. */
  readonly database: string;
}

export interface TopicsConfig {
  readonly events: string;
  readonly labels: string;
  readonly windows: string;
  readonly evaluations: string;
  readonly incidents: string;
  readonly dlq: string;
}

/** Defaults for event-time windowing; a model may override the size. */
export interface WindowConfig {
  readonly sizeSeconds: number;
  /** Watermark = max event time seen minus this bound. */
  readonly outOfOrdernessSeconds: number;
  /** A window closes when the watermark passes `end + grace`. */
  readonly graceSeconds: number;
  /** Processing-time fallback: close windows when no event arrived for this long. */
  readonly idleCloseSeconds: number;
  /**
   * Window size per model id in seconds, overriding `sizeSeconds`; no variable sets it (only
   * `loadConfig`'s overrides), and it is absent when no model has its own. Read it through
   * `windowSecondsOf`.
   */
  readonly sizeSecondsByModel?: Readonly<Record<string, number>>;
}

export interface DriftwatchConfig {
  readonly kafka: KafkaConfig;
  readonly clickhouse: ClickHouseConfig;
  /** Absolute path. */
  readonly dataDir: string;
  readonly httpPort: number;
  /** `HTTP_HOST`: the address HTTP servers bind, 127.0.0.1 by default (IPv6 without brackets). */
  readonly httpHost: string;
  /** API tokens and whether /metrics needs one (see checkHttpBinding for the rule on HTTP_HOST). */
  readonly apiAuth: ApiAuthConfig;
  readonly topics: TopicsConfig;
  readonly maxEventBytes: number;
  readonly window: WindowConfig;
  /** Each service's own knobs; a service is given its section (see @driftwatch/runtime's tokens). */
  readonly aggregator: AggregatorConfig;
  readonly evaluator: EvaluatorConfig;
  readonly alerter: AlerterConfig;
  /** The label consumer (run by the aggregator): its group and the labels' retention. */
  readonly labels: LabelsConfig;
  /** Days the tables that grow with traffic keep their rows (their TTLs, set when the store opens). */
  readonly retention: RetentionConfig;
}

/**
 * Values a host or a test sets in code over what the environment says, section by section;
 * they are validated with the rest.
 */
export interface ConfigOverrides {
  readonly window?: Pick<WindowConfig, 'sizeSecondsByModel'>;
  readonly aggregator?: Partial<AggregatorConfig>;
  readonly evaluator?: Partial<EvaluatorConfig>;
  readonly alerter?: Partial<AlerterConfig>;
}
