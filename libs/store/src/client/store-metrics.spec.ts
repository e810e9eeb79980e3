import { afterAll, describe, expect, it } from 'vitest';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import { createClickHouseClient } from './clickhouse-client.factory';
import { storeWriteErrorsCounter, tableLabel } from './store-metrics';

const dir = tempDataDir();
afterAll(() => dir.remove());

async function errors(table: string): Promise<number | undefined> {
  return (await storeWriteErrorsCounter().get()).values.find((v) => v.labels.table === table && v.labels.operation === 'insert')?.value;
}

describe('driftwatch_store_write_errors_total', () => {
  it('labels a write by its table alone', () => {
    expect(tableLabel('`driftwatch`.`windows`')).toBe('windows');
    expect(tableLabel('windows')).toBe('windows');
  });

  it('starts a table at 0 with its first write and counts the inserts the engine refuses', async () => {
    const store = createClickHouseClient(embeddedConfig(dir.dataDir, 'write_errors_db'));
    try {
      await store.client.command({ query: 'CREATE DATABASE IF NOT EXISTS write_errors_db' });
      await store.client.command({ query: `CREATE TABLE ${store.table('good')} (x UInt8) ENGINE = MergeTree ORDER BY x` });
      await store.client.insert({ table: store.table('good'), format: 'JSONEachRow', values: [{ x: 1 }] });
      expect(await errors('good')).toBe(0);
      await expect(store.client.insert({ table: store.table('missing_table'), format: 'JSONEachRow', values: [{ x: 1 }] })).rejects.toThrow();
      await expect(store.client.insert({ table: store.table('missing_table'), format: 'JSONEachRow', values: [{ x: 2 }] })).rejects.toThrow();
      expect(await errors('missing_table')).toBe(2);
      expect(await errors('good')).toBe(0);
    } finally {
      await store.close();
    }
  }, 60_000);
});
