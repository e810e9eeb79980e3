import type { KafkaSecurityHints } from './kafka-security';

/**
 * A connection refused for its credentials or certificates. kafkajs says "SASL SCRAM SHA256
 * authentication failed" or, for TLS, gives up after its retries with an OpenSSL message; this
 * names the settings to fix. The password itself never appears (kafkajs does not echo it).
 */
export class KafkaAuthenticationError extends Error {
  override readonly name = 'KafkaAuthenticationError';

  constructor(
    readonly kind: 'sasl' | 'tls',
    hint: string,
    brokers: readonly string[],
    override readonly cause: Error,
  ) {
    super(`Kafka ${kind === 'sasl' ? 'login' : 'TLS handshake'} with ${brokers.join(',')} refused: ${hint}; the client said: ${cause.message.trim()}`);
  }
}

const TLS_FAILURE = /certificate|ssl routines|ssl alert|tls|handshake|self[- ]signed|CERT_/i;

function chain(error: unknown): Error[] {
  const out: Error[] = [];
  let e: unknown = error;
  while (e instanceof Error && out.length < 5) {
    out.push(e);
    e = (e as { cause?: unknown; originalError?: unknown }).cause ?? (e as { originalError?: unknown }).originalError;
  }
  return out;
}

/** The same error, or a `KafkaAuthenticationError` naming the settings when credentials or certificates were the cause. */
export function explainConnectError(error: unknown, hints: KafkaSecurityHints | undefined, brokers: readonly string[]): unknown {
  if (!hints || error instanceof KafkaAuthenticationError) return error;
  const errors = chain(error);
  const sasl = errors.find((e) => e.name === 'KafkaJSSASLAuthenticationError');
  if (sasl && hints.sasl) return new KafkaAuthenticationError('sasl', hints.sasl, brokers, sasl);
  const tls = errors.find((e) => TLS_FAILURE.test(e.message));
  if (tls && hints.tls) return new KafkaAuthenticationError('tls', hints.tls, brokers, tls);
  return error;
}
