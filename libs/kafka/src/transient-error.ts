/**
 * A failure that is not the fault of the records being handled (a store or broker outage): the
 * consumer retries it without limit, and it never makes a batch poison.
 */
export class TransientError extends Error {
  readonly transient = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** Wraps `error` as transient, keeping its message and cause (a TransientError is returned as is). */
export function asTransient(error: unknown): TransientError {
  if (error instanceof TransientError) return error;
  return new TransientError(error instanceof Error ? error.message : String(error), { cause: error });
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);
const KAFKA_OUTAGES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSLockTimeout',
]);

/**
 * Whether a handler failure says nothing about its input: marked transient, a network error, a
 * retriable or exhausted Kafka request, or an error answered by ClickHouse. Everything else (a
 * TypeError on a strange value, a record too large to produce) may be the input's fault.
 */
export function isTransientError(error: unknown): boolean {
  let e = error as { transient?: unknown; name?: unknown; code?: unknown; retriable?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    if (e.transient === true) return true;
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
    if (typeof e.name === 'string') {
      if (KAFKA_OUTAGES.has(e.name)) return true;
      if (e.name.startsWith('KafkaJS') && e.retriable === true) return true;
    }
    // @clickhouse/client does not set `name` on its errors.
    if ((e as { constructor?: { name?: string } }).constructor?.name === 'ClickHouseError') return true;
    e = e.cause as typeof e;
  }
  return false;
}
