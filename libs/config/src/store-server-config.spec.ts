import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { loadStoreServerConfig } from './store-server-config';

describe('loadStoreServerConfig', () => {
  it('binds loopback on 8123 by default', () => {
    expect(loadStoreServerConfig({})).toEqual({ host: '127.0.0.1', port: 8123, maxBodyBytes: 256 * 1024 * 1024 });
  });

  it('refuses an address reachable from other machines without a password', () => {
    expect(() => loadStoreServerConfig({ STORE_SERVER_HOST: '0.0.0.0' })).toThrow(/STORE_SERVER_HOST: 0\.0\.0\.0 is reachable from other machines but CLICKHOUSE_PASSWORD is not set/);
    expect(loadStoreServerConfig({ STORE_SERVER_HOST: '0.0.0.0', CLICKHOUSE_PASSWORD: 'pw' }).host).toBe('0.0.0.0');
  });

  it('names every invalid variable', () => {
    let error: unknown;
    try {
      loadStoreServerConfig({ STORE_SERVER_PORT: '70000', STORE_SERVER_MAX_BODY_BYTES: '12' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['STORE_SERVER_PORT', 'STORE_SERVER_MAX_BODY_BYTES']);
  });
});
