import { isLoopbackHost } from './api-auth/http-binding';
import { type Env, EnvReader } from './env-reader';

/**
 * The store server's own settings (`apps/store-server`: the embedded engine served over
 * ClickHouse's HTTP interface to the other processes of one machine). Variables:
 * STORE_SERVER_HOST, STORE_SERVER_PORT, STORE_SERVER_MAX_BODY_BYTES. Its data directory,
 * database, user and password are the shared DRIFTWATCH_DATA_DIR, CLICKHOUSE_DATABASE,
 * CLICKHOUSE_USER and CLICKHOUSE_PASSWORD, so the services' environment can be reused.
 */
export interface StoreServerConfig {
  /** Interface to listen on; loopback by default. */
  readonly host: string;
  readonly port: number;
  /** Largest request body accepted (an INSERT's rows included). */
  readonly maxBodyBytes: number;
}

export const DEFAULT_STORE_SERVER_PORT = 8123;

/** Reads and validates the store server's variables; throws a `ConfigError` listing every problem. */
export function loadStoreServerConfig(env: Env = process.env): StoreServerConfig {
  const r = new EnvReader(env);
  const host = r.matching('STORE_SERVER_HOST', '127.0.0.1', /^([A-Za-z0-9.-]{1,253}|\[?[0-9A-Fa-f:.]{2,45}\]?)$/, 'a host name or an IP address').replace(/^\[|\]$/g, '');
  // It has no TLS and one user: reachable from other machines only behind a password.
  if (!isLoopbackHost(host) && r.untrimmed('CLICKHOUSE_PASSWORD') === undefined) {
    r.problem('STORE_SERVER_HOST', `${host} is reachable from other machines but CLICKHOUSE_PASSWORD is not set: set a password, or bind STORE_SERVER_HOST=127.0.0.1`);
  }
  const config: StoreServerConfig = {
    host,
    port: r.integer('STORE_SERVER_PORT', DEFAULT_STORE_SERVER_PORT, 0, 65535),
    maxBodyBytes: r.unsignedInteger('STORE_SERVER_MAX_BODY_BYTES', 256 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
  };
  r.throwIfInvalid();
  return Object.freeze(config);
}
