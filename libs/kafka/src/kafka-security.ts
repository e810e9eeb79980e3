import type { KafkaConfig as DriftwatchKafkaConfig } from '@driftwatch/config';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { KafkaClientConfig } from './create-kafka';

/** What a refused login or TLS handshake is blamed on: the settings, named by their variables. */
export interface KafkaSecurityHints {
  /** e.g. `SASL scram-sha-256 as "svc" (KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD)`. */
  readonly sasl?: string;
  /** e.g. `TLS (KAFKA_SSL_CA_FILE=/etc/ca.pem, ...)`. */
  readonly tls?: string;
}

/**
 * The kafkajs connection settings of the validated configuration: brokers, client id, TLS and
 * SASL. Every Kafka client the project makes starts from this, so a managed cluster's
 * credentials reach the services, the CLI and the benchmarks alike.
 */
export function kafkaClientConfig(kafka: DriftwatchKafkaConfig, extra: Partial<KafkaClientConfig> = {}): KafkaClientConfig {
  return { brokers: [...kafka.brokers], clientId: kafka.clientId, sessionTimeoutMs: kafka.sessionTimeoutMs, ...kafkaSecurityOptions(kafka), ...extra };
}

export function kafkaSecurityOptions(kafka: Pick<DriftwatchKafkaConfig, 'tls' | 'sasl'>): Pick<KafkaClientConfig, 'ssl' | 'sasl' | 'securityHints'> {
  const { tls, sasl } = kafka;
  const ssl: KafkaConfig['ssl'] = tls
    ? {
        rejectUnauthorized: tls.rejectUnauthorized,
        ...(tls.ca !== undefined ? { ca: [tls.ca] } : {}),
        ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
        ...(tls.key !== undefined ? { key: tls.key.reveal() } : {}),
      }
    : undefined;
  const saslOptions: SASLOptions | undefined = sasl
    ? ({ mechanism: sasl.mechanism, username: sasl.username, password: sasl.password.reveal() } as SASLOptions)
    : undefined;
  const tlsFiles = tls ? Object.entries({ KAFKA_SSL_CA_FILE: tls.files.ca, KAFKA_SSL_CERT_FILE: tls.files.cert, KAFKA_SSL_KEY_FILE: tls.files.key }) : [];
  const securityHints: KafkaSecurityHints = {
    ...(sasl ? { sasl: `SASL ${sasl.mechanism} as ${JSON.stringify(sasl.username)} (check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and ${sasl.passwordSource})` } : {}),
    ...(tls
      ? {
          tls: `TLS (check ${tlsFiles.map(([name, file]) => (file ? `${name}=${file}` : name)).join(', ')}${tls.rejectUnauthorized ? '' : ', KAFKA_SSL_REJECT_UNAUTHORIZED=false'})`,
        }
      : {}),
  };
  return { ...(ssl ? { ssl } : {}), ...(saslOptions ? { sasl: saslOptions } : {}), securityHints };
}
