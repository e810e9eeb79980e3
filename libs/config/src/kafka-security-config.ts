import { readFileSync } from 'node:fs';
import { type Env, EnvReader } from './env-reader';
import { Secret } from './secret';

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/**
 * TLS towards the brokers (`KAFKA_SSL=true`). Files are read once at start, so a missing or
 * unreadable file stops the service there instead of at the first reconnect.
 */
export interface KafkaTlsConfig {
  /** PEM of the CA(s) to trust (`KAFKA_SSL_CA_FILE`); undefined: Node's default CAs. */
  readonly ca?: string;
  /** PEM client certificate (`KAFKA_SSL_CERT_FILE`), always together with `key`. */
  readonly cert?: string;
  /** PEM private key of the client certificate (`KAFKA_SSL_KEY_FILE`). */
  readonly key?: Secret;
  /** `KAFKA_SSL_REJECT_UNAUTHORIZED` (default true): false accepts any broker certificate. */
  readonly rejectUnauthorized: boolean;
  /** The files read, for start-up logs. */
  readonly files: { readonly ca?: string; readonly cert?: string; readonly key?: string };
}

/** SASL authentication (`KAFKA_SASL_MECHANISM`), over TLS or not. */
export interface KafkaSaslConfig {
  readonly mechanism: SaslMechanism;
  readonly username: string;
  /** From `KAFKA_SASL_PASSWORD` or the file `KAFKA_SASL_PASSWORD_FILE` (one trailing newline dropped). */
  readonly password: Secret;
  /** Which variable gave the password, for error messages that must not show it. */
  readonly passwordSource: 'KAFKA_SASL_PASSWORD' | 'KAFKA_SASL_PASSWORD_FILE';
}

export interface KafkaSecurityConfig {
  readonly tls?: KafkaTlsConfig;
  readonly sasl?: KafkaSaslConfig;
}

const PEM = /-----BEGIN [A-Z0-9 ]+-----/;

/**
 * Only the Kafka TLS and SASL settings, validated like loadConfig does (a ConfigError naming
 * each wrong variable): for tools that talk to Kafka without the whole service configuration.
 */
export function loadKafkaSecurity(env: Env = process.env): KafkaSecurityConfig {
  const r = new EnvReader(env);
  const security = readKafkaSecurity(r);
  r.throwIfInvalid();
  return security;
}

export function readKafkaSecurity(r: EnvReader): KafkaSecurityConfig {
  const tls = readTls(r);
  const sasl = readSasl(r);
  return { ...(tls ? { tls } : {}), ...(sasl ? { sasl } : {}) };
}

function readTls(r: EnvReader): KafkaTlsConfig | undefined {
  const enabled = r.flag('KAFKA_SSL', false);
  const files = { ca: r.raw('KAFKA_SSL_CA_FILE'), cert: r.raw('KAFKA_SSL_CERT_FILE'), key: r.raw('KAFKA_SSL_KEY_FILE') };
  const rejectUnauthorized = r.flag('KAFKA_SSL_REJECT_UNAUTHORIZED', true);
  if (!enabled) {
    // A certificate given without TLS switched on is a half-done configuration, not a choice.
    const stray = [
      ...Object.entries({ KAFKA_SSL_CA_FILE: files.ca, KAFKA_SSL_CERT_FILE: files.cert, KAFKA_SSL_KEY_FILE: files.key })
        .filter(([, v]) => v !== undefined)
        .map(([name]) => name),
      ...(r.raw('KAFKA_SSL_REJECT_UNAUTHORIZED') !== undefined ? ['KAFKA_SSL_REJECT_UNAUTHORIZED'] : []),
    ];
    for (const name of stray) r.problem(name, 'is set but KAFKA_SSL is not true; set KAFKA_SSL=true to connect with TLS');
    return undefined;
  }
  if ((files.cert === undefined) !== (files.key === undefined)) {
    r.problem(
      files.cert === undefined ? 'KAFKA_SSL_KEY_FILE' : 'KAFKA_SSL_CERT_FILE',
      'a client certificate needs both KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE',
    );
  }
  const ca = files.ca === undefined ? undefined : readPem(r, 'KAFKA_SSL_CA_FILE', files.ca);
  const cert = files.cert === undefined ? undefined : readPem(r, 'KAFKA_SSL_CERT_FILE', files.cert);
  const key = files.key === undefined ? undefined : readPem(r, 'KAFKA_SSL_KEY_FILE', files.key);
  return {
    ...(ca !== undefined ? { ca } : {}),
    ...(cert !== undefined ? { cert } : {}),
    ...(key !== undefined ? { key: new Secret(key) } : {}),
    rejectUnauthorized,
    files: Object.fromEntries(Object.entries(files).filter(([, v]) => v !== undefined)),
  };
}

function readSasl(r: EnvReader): KafkaSaslConfig | undefined {
  const rawMechanism = r.raw('KAFKA_SASL_MECHANISM');
  const username = r.raw('KAFKA_SASL_USERNAME');
  // Not trimmed: a password may well begin or end with a space.
  const inline = r.untrimmed('KAFKA_SASL_PASSWORD');
  const file = r.raw('KAFKA_SASL_PASSWORD_FILE');
  if (rawMechanism === undefined) {
    for (const [name, value] of Object.entries({ KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: inline, KAFKA_SASL_PASSWORD_FILE: file })) {
      if (value !== undefined) r.problem(name, `is set but KAFKA_SASL_MECHANISM is not; set it to one of ${SASL_MECHANISMS.join(', ')}`);
    }
    return undefined;
  }
  const mechanism = rawMechanism.toLowerCase() as SaslMechanism;
  if (!SASL_MECHANISMS.includes(mechanism)) {
    r.problem('KAFKA_SASL_MECHANISM', `expected one of ${SASL_MECHANISMS.join(', ')}, got ${JSON.stringify(rawMechanism)}`);
  }
  if (username === undefined) r.problem('KAFKA_SASL_USERNAME', `is required with KAFKA_SASL_MECHANISM=${rawMechanism}`);
  if (inline !== undefined && file !== undefined) {
    r.problem('KAFKA_SASL_PASSWORD', 'set either KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both');
  }
  let password: string | undefined = inline;
  let passwordSource: KafkaSaslConfig['passwordSource'] = 'KAFKA_SASL_PASSWORD';
  if (inline === undefined && file !== undefined) {
    passwordSource = 'KAFKA_SASL_PASSWORD_FILE';
    password = readText(r, 'KAFKA_SASL_PASSWORD_FILE', file)?.replace(/\r?\n$/, '');
    if (password === '') r.problem('KAFKA_SASL_PASSWORD_FILE', `the file ${file} is empty`);
  } else if (inline === undefined) {
    r.problem('KAFKA_SASL_PASSWORD', `is required with KAFKA_SASL_MECHANISM=${rawMechanism} (or KAFKA_SASL_PASSWORD_FILE)`);
  }
  return { mechanism, username: username ?? '', password: new Secret(password ?? ''), passwordSource };
}

function readText(r: EnvReader, name: string, file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    r.problem(name, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return undefined;
  }
}

function readPem(r: EnvReader, name: string, file: string): string | undefined {
  const text = readText(r, name, file);
  if (text === undefined) return undefined;
  if (!PEM.test(text)) {
    r.problem(name, `${file} is not PEM (no "-----BEGIN ...-----" line)`);
    return undefined;
  }
  return text;
}
