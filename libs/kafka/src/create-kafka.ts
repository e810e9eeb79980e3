import { Kafka, logLevel, type KafkaConfig, type RetryOptions } from 'kafkajs';
import { kafkaLogCreator, type KafkaLogLevel, type KafkaLogSink } from './kafka-logger';

export interface KafkaClientConfig {
  /** `host:port` of one or more brokers (from `KAFKA_BROKERS`). */
  brokers: string[];
  clientId: string;
  ssl?: KafkaConfig['ssl'];
  sasl?: KafkaConfig['sasl'];
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  retry?: RetryOptions;
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

/** A kafkajs client with Driftwatch's defaults and a quiet logger. */
export function createKafka(config: KafkaClientConfig): Kafka {
  if (config.brokers.length === 0) throw new Error('createKafka: no brokers given (KAFKA_BROKERS is empty)');
  const bad = config.brokers.filter((b) => !BROKER.test(b));
  if (bad.length > 0) throw new Error(`createKafka: broker addresses must be host:port, got ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
  if (!config.clientId) throw new Error('createKafka: clientId is empty');

  const level = config.logLevel ?? 'warn';
  return new Kafka({
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
}
