import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';

export type ClientFormat = 'json' | 'avro';

export interface MonitorOptions {
  /** The model's id, also the Kafka key of every message. */
  modelId: string;
  modelVersion: string;
  /** Bootstrap brokers, as an array or `host:port,host:port`. */
  brokers: string[] | string;
  /** `json` (default) or `avro`: plain Avro of the canonical schemas, as the aggregator reads it. */
  format?: ClientFormat;
  /** Share of events published (0 < rate ≤ 1), decided by event id; labels follow their event. */
  sampleRate?: number;
  eventsTopic?: string;
  labelsTopic?: string;
  /** Messages held while waiting for the broker; past it `log` drops and counts (default 10,000). */
  maxQueue?: number;
  /** Most messages per produce request (default 500). */
  batchSize?: number;
  /** How long a message waits to be batched (default 50 ms). */
  lingerMs?: number;
  /** TLS: `true` or Node TLS options (CA, client certificate and key for mutual TLS). */
  ssl?: boolean | ConnectionOptions;
  sasl?: SASLOptions;
  /** Further kafkajs client settings, applied last. */
  kafka?: Partial<KafkaConfig>;
  /** Throw on input that cannot be encoded instead of counting it as invalid (default false). */
  strict?: boolean;
  /** Told of every failed produce request and of every invalid input (when not strict). */
  onError?: (error: Error, context: { messages: number }) => void;
  /** Flush and close on the process's `beforeExit` (default true). */
  closeOnExit?: boolean;
}

export interface ResolvedOptions extends Required<Omit<MonitorOptions, 'ssl' | 'sasl' | 'kafka' | 'onError' | 'brokers'>> {
  brokers: string[];
  ssl?: boolean | ConnectionOptions;
  sasl?: SASLOptions;
  kafka: Partial<KafkaConfig>;
  onError?: MonitorOptions['onError'];
}

const positiveInt = (name: string, value: number): number => {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
};

/** Defaults filled in and every option checked, with the option named on error. */
export function resolveOptions(o: MonitorOptions): ResolvedOptions {
  for (const name of ['modelId', 'modelVersion'] as const) {
    const v = o[name];
    if (typeof v !== 'string' || v.length === 0 || v.length > 128) throw new TypeError(`${name} must be a non-empty string of at most 128 characters, got ${JSON.stringify(v)}`);
  }
  const brokers = (Array.isArray(o.brokers) ? o.brokers : String(o.brokers ?? '').split(',')).map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) throw new TypeError('brokers must name at least one host:port');
  const format = o.format ?? 'json';
  if (format !== 'json' && format !== 'avro') throw new TypeError(`format must be "json" or "avro", got ${JSON.stringify(format)}`);
  const sampleRate = o.sampleRate ?? 1;
  if (!(sampleRate > 0 && sampleRate <= 1)) throw new RangeError(`sampleRate must be in (0, 1], got ${sampleRate}`);
  const lingerMs = o.lingerMs ?? 50;
  if (!(lingerMs >= 0)) throw new RangeError(`lingerMs must be >= 0, got ${lingerMs}`);
  return {
    modelId: o.modelId,
    modelVersion: o.modelVersion,
    brokers,
    format,
    sampleRate,
    eventsTopic: o.eventsTopic ?? 'inference-events',
    labelsTopic: o.labelsTopic ?? 'inference-labels',
    maxQueue: positiveInt('maxQueue', o.maxQueue ?? 10_000),
    batchSize: positiveInt('batchSize', o.batchSize ?? 500),
    lingerMs,
    ssl: o.ssl,
    sasl: o.sasl,
    kafka: o.kafka ?? {},
    strict: o.strict ?? false,
    onError: o.onError,
    closeOnExit: o.closeOnExit ?? true,
  };
}
