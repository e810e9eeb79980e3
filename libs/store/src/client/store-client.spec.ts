import { afterAll, describe, expect, it } from 'vitest';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import { createClickHouseClient, embeddedDataDirectory } from './clickhouse-client.factory';

const dir = tempDataDir();
afterAll(() => dir.remove());

describe('StoreClient (embedded)', () => {
  it('stores under <dataDir>/clickhouse, answers ping, and reports closed after close', async () => {
    const config = embeddedConfig(dir.dataDir, 'ping_db');
    const store = createClickHouseClient(config);
    expect(store.mode).toBe('embedded');
    expect(store.location).toBe(embeddedDataDirectory(config));
    expect(store.location).toBe(`${dir.dataDir}/clickhouse`);
    expect(store.table('windows')).toBe('`ping_db`.`windows`');
    expect(await store.ping()).toEqual({ ok: true });
    await store.close();
    const after = await store.ping();
    expect(after.ok).toBe(false);
  });

  it('refuses a database name that is not a plain identifier', () => {
    expect(() => createClickHouseClient(embeddedConfig(dir.dataDir, 'x`; DROP'))).toThrow(/Invalid SQL identifier/);
  });
});
