import { Kafka, logLevel, type KafkaConfig, type RetryOptions } from 'kafkajs';
import { setClientSessionTimeout } from './group-join-watch';
import { explainConnectError } from './kafka-auth-error';
import { kafkaLogCreator, type KafkaLogLevel, type KafkaLogSink } from './kafka-logger';
import type { KafkaSecurityHints } from './kafka-security';

export interface KafkaClientConfig {
  /** `host:port` of one or more brokers (from `KAFKA_BROKERS`). */
  brokers: string[];
  clientId: string;
  ssl?: KafkaConfig['ssl'];
  sasl?: KafkaConfig['sasl'];
  /** Named in the error when a login or TLS handshake is refused (`kafkaClientConfig` fills them). */
  securityHints?: KafkaSecurityHints;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  retry?: RetryOptions;
  /**
   * Session timeout of every consumer made from this client that sets none (kafkajs' default:
   * 30 000); its heartbeat interval then defaults to a third of it, at most 3 000.
   */
  sessionTimeoutMs?: number;
  /** Least severe level logged (default `warn`); `nothing` silences kafkajs. */
  logLevel?: KafkaLogLevel | 'nothing';
  /** Where log entries go (default: one line each on stderr). Credentials are never in them. */
  logSink?: KafkaLogSink;
}

const KAFKAJS_LEVEL: Record<KafkaLogLevel | 'nothing', logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

const BROKER = /^[^\s:]+:\d{1,5}$/;

/**
 * A kafkajs client with Driftwatch's defaults and a quiet logger. Made from the configuration
 * with `createKafka(kafkaClientConfig(config.kafka))`, so TLS and SASL settings always come along.
 */
export function createKafka(config: KafkaClientConfig): Kafka {
  if (config.brokers.length === 0) throw new Error('createKafka: no brokers given (KAFKA_BROKERS is empty)');
  const bad = config.brokers.filter((b) => !BROKER.test(b));
  if (bad.length > 0) throw new Error(`createKafka: broker addresses must be host:port, got ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
  if (!config.clientId) throw new Error('createKafka: clientId is empty');

  const level = config.logLevel ?? 'warn';
  const kafka = new Kafka({
    brokers: config.brokers,
    clientId: config.clientId,
    ssl: config.ssl,
    sasl: config.sasl,
    connectionTimeout: config.connectionTimeoutMs ?? 3_000,
    requestTimeout: config.requestTimeoutMs ?? 30_000,
    retry: config.retry,
    // kafkajs skips building entries below its level, which matters on the fetch path at high rates.
    logLevel: KAFKAJS_LEVEL[level],
    logCreator: kafkaLogCreator(config.logSink, level === 'nothing' ? 'error' : level),
  });
  if (config.sessionTimeoutMs !== undefined) withSessionTimeout(kafka, config.sessionTimeoutMs);
  return config.securityHints ? explainingConnects(kafka, config.securityHints, config.brokers) : kafka;
}

function withSessionTimeout(kafka: Kafka, sessionTimeoutMs: number): void {
  setClientSessionTimeout(kafka, sessionTimeoutMs);
  const consumer = kafka.consumer.bind(kafka);
  kafka.consumer = (options) => {
    const session = options.sessionTimeout ?? sessionTimeoutMs;
    return consumer({ ...options, sessionTimeout: session, heartbeatInterval: options.heartbeatInterval ?? Math.min(3_000, Math.floor(session / 3)) });
  };
}

/** Every client made from `kafka` rejects `connect()` with an error naming the settings when they were refused. */
function explainingConnects(kafka: Kafka, hints: KafkaSecurityHints, brokers: readonly string[]): Kafka {
  const wrap = <T extends { connect(): Promise<void> }>(client: T): T => {
    const connect = client.connect.bind(client);
    client.connect = () =>
      connect().catch((error: unknown) => {
        throw explainConnectError(error, hints, brokers);
      });
    return client;
  };
  const admin = kafka.admin.bind(kafka);
  const producer = kafka.producer.bind(kafka);
  const consumer = kafka.consumer.bind(kafka);
  kafka.admin = (...args) => wrap(admin(...args));
  kafka.producer = (...args) => wrap(producer(...args));
  kafka.consumer = (...args) => wrap(consumer(...args));
  return kafka;
}
