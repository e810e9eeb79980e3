import { ConfigError } from '../config-error';
import type { DriftwatchConfig } from '../driftwatch-config';

/** Loopback names and addresses: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Called by every service before it listens: an API without tokens must not be reachable
 * from other machines, so a non-loopback HTTP_HOST without tokens stops the start. (Checked
 * at listen time rather than in loadConfig: services without an HTTP server may share the
 * environment of those with one.)
 */
export function checkHttpBinding(config: Pick<DriftwatchConfig, 'httpHost' | 'apiAuth'>): void {
  if (config.apiAuth.tokens.length > 0 || isLoopbackHost(config.httpHost)) return;
  throw new ConfigError([
    `HTTP_HOST: ${config.httpHost} is reachable from other machines but DRIFTWATCH_API_TOKENS (or DRIFTWATCH_API_TOKENS_FILE) sets no token: set tokens, or bind HTTP_HOST=127.0.0.1`,
  ]);
}
