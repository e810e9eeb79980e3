import { logLevel as KafkajsLevel, type logCreator, type LogEntry } from 'kafkajs';

export type KafkaLogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface KafkaLogEntry {
  level: KafkaLogLevel;
  /** kafkajs component, e.g. `Consumer`, `Connection`. */
  namespace: string;
  message: string;
  /** Extra fields of the kafkajs entry, with anything credential-like redacted. */
  fields: Record<string, unknown>;
}

export type KafkaLogSink = (entry: KafkaLogEntry) => void;

const RANK: Record<KafkaLogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
const SECRET_KEY = /pass|secret|token|sasl|credential|authori[sz]ation|ssl|cert|key$/i;

function levelOf(level: KafkajsLevel): KafkaLogLevel {
  if (level <= KafkajsLevel.ERROR) return 'error';
  if (level === KafkajsLevel.WARN) return 'warn';
  if (level === KafkajsLevel.INFO) return 'info';
  return 'debug';
}

function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)]),
  );
}

/**
 * Maps a kafkajs log entry to ours, or to nothing. kafkajs logs every error *response* at ERROR
 * level, even retriable ones it then retries ("coordinator is loading"); those become debug, since
 * a failure that matters reaches the caller as a thrown error anyway.
 */
export function toKafkaLogEntry(namespace: string, level: KafkajsLevel, log: LogEntry['log']): KafkaLogEntry | undefined {
  const { message, timestamp: _timestamp, logger: _logger, stack, ...rest } = log as LogEntry['log'] & { stack?: unknown };
  let mapped = levelOf(level);
  if (namespace === 'Connection' && /^Response /.test(message)) mapped = 'debug';
  // createProducer bounds retries on purpose (see producer.ts); kafkajs warns about it at every connect.
  if (/^Limiting retries for the idempotent producer/.test(message)) mapped = 'info';
  // Our producers choose the partitioner explicitly; the v2 migration notice is noise.
  if (/switched default partitioner/.test(message)) return undefined;
  const fields = redact(rest) as Record<string, unknown>;
  if (mapped === 'debug' && stack !== undefined) fields.stack = stack;
  return { level: mapped, namespace, message, fields };
}

/** One line per entry on stderr: `kafkajs WARN [Consumer] message {"groupId":"g"}`. */
export const stderrKafkaLogSink: KafkaLogSink = (entry) => {
  const extra = Object.keys(entry.fields).length > 0 ? ` ${JSON.stringify(entry.fields)}` : '';
  process.stderr.write(`kafkajs ${entry.level.toUpperCase()} [${entry.namespace}] ${entry.message}${extra}\n`);
};

/** A kafkajs `logCreator` that forwards entries at `minLevel` or more severe to `sink`. */
export function kafkaLogCreator(sink: KafkaLogSink = stderrKafkaLogSink, minLevel: KafkaLogLevel = 'warn'): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const entry = toKafkaLogEntry(namespace, level, log);
      if (entry && RANK[entry.level] <= RANK[minLevel]) sink(entry);
    };
}
