import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { freePort } from '@driftwatch/testing';
import { describe, expect, it } from 'vitest';
import { nameUnreachableServer, StoreUnavailableError } from './server-unreachable';

describe('nameUnreachableServer', () => {
  it('says which ClickHouse could not be reached, keeping the network error as the cause', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const client = createClient({ url, log: { level: ClickHouseLogLevel.OFF } });
    nameUnreachableServer(client, url);
    try {
      for (const call of [() => client.query({ query: 'SELECT 1' }), () => client.insert({ table: 't', values: [{ a: 1 }], format: 'JSONEachRow' }), () => client.command({ query: 'SELECT 1' })]) {
        const error = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect((error as Error).message).toBe(`ClickHouse at ${url} is unreachable (connect ECONNREFUSED ${url.slice('http://'.length)})`);
        expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
      }
    } finally {
      await client.close();
    }
  });
});
