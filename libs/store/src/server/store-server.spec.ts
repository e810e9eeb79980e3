import { ClickHouseLogLevel, createClient as createHttpClient, type ClickHouseClient, type ClickHouseClientConfigOptions, type ClickHouseError } from '@clickhouse/client';
import { Secret } from '@driftwatch/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store';
import { tempDataDir } from '../testing/temp-store.test-util';
import { startStoreServer, type RunningStoreServer } from './store-server';

// The failures these tests provoke would each be logged by the client as an error.
const createClient = (options: ClickHouseClientConfigOptions) => createHttpClient({ ...options, log: { level: ClickHouseLogLevel.OFF } });

// One engine per process: the server runs in this test process, the clients talk HTTP to it.
const dir = tempDataDir();
let server: RunningStoreServer;
let client: ClickHouseClient;
const MAX_BODY = 64 * 1024;

beforeAll(async () => {
  server = await startStoreServer({
    dataDir: dir.dataDir,
    clickhouse: { mode: 'embedded', database: 'dw', user: 'tester', password: new Secret('s3cret') },
    storeServer: { host: '127.0.0.1', port: 0, maxBodyBytes: MAX_BODY },
  });
  client = createClient({ url: server.url, username: 'tester', password: 's3cret', database: 'dw' });
  await client.command({ query: 'CREATE TABLE t (id UInt32, s String) ENGINE = MergeTree ORDER BY id SETTINGS non_replicated_deduplication_window = 100' });
});

afterAll(async () => {
  await client?.close();
  await server?.close();
  dir.remove();
});

async function rows<T>(query: string, query_params?: Record<string, unknown>, c: ClickHouseClient = client): Promise<T[]> {
  return (await c.query({ query, query_params, format: 'JSONEachRow' })).json<T>();
}

async function failure(p: Promise<unknown>): Promise<ClickHouseError> {
  try {
    await p;
  } catch (error) {
    return error as ClickHouseError;
  }
  throw new Error('expected the request to fail');
}

describe('store server (ClickHouse HTTP interface over the embedded engine)', () => {
  it('answers /ping and the client ping', async () => {
    expect(await (await fetch(`${server.url}/ping`)).text()).toBe('Ok.\n');
    expect((await client.ping()).success).toBe(true);
    expect((await client.ping({ select: true })).success).toBe(true);
  });

  it('binds query parameters from their text form exactly, quotes and backslashes included', async () => {
    const tricky = `it's a \\ back\tslash\nline`;
    const [row] = await rows<{ s: string; a: string[]; n: number; d: string }>(
      'SELECT {s:String} AS s, {a:Array(String)} AS a, {n:Int32} AS n, {d:DateTime64(3)} AS d',
      { s: tricky, a: [tricky, "o'k"], n: -42, d: '2026-12-03 10:00:00.123' },
    );
    expect(row).toEqual({ s: tricky, a: [tricky, "o'k"], n: -42, d: '2026-12-03 10:00:00.123' });
  });

  it('reads parameters sent as a multipart body', async () => {
    const c = createClient({ url: server.url, username: 'tester', password: 's3cret', database: 'dw', use_multipart_params: true });
    try {
      expect(await rows<{ v: string }>('SELECT {v:String} AS v', { v: 'multi' }, c)).toEqual([{ v: 'multi' }]);
    } finally {
      await c.close();
    }
  });

  it('inserts JSONEachRow bodies, applies a deduplication token to its insert only', async () => {
    const insert = (values: object[], token?: string) =>
      client.insert({ table: 't', values, format: 'JSONEachRow', ...(token ? { clickhouse_settings: { insert_deduplication_token: token } } : {}) });
    await insert([{ id: 1, s: 'a' }], 'tok-1');
    await insert([{ id: 2, s: 'b' }], 'tok-1'); // same token: dropped as a duplicate, as on a server
    await insert([{ id: 3, s: 'c' }]); // no token: must not inherit the previous one
    await insert([{ id: 4, s: 'c' }]);
    await insert([]);
    expect(await rows<{ id: number }>('SELECT id FROM t ORDER BY id')).toEqual([{ id: 1 }, { id: 3 }, { id: 4 }]);
  });

  it("gives the engine's errors with their code and type, and the HTTP status a server gives", async () => {
    const error = await failure(client.query({ query: 'SELECT * FROM missing_table', format: 'JSONEachRow' }));
    expect(error.code).toBe('60');
    expect(error.type).toBe('UNKNOWN_TABLE');
    const response = await fetch(`${server.url}/?query=${encodeURIComponent('SELEC 1')}`, { headers: { 'X-ClickHouse-User': 'tester', 'X-ClickHouse-Key': 's3cret' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-clickhouse-exception-code')).toBe('62');
    expect(await response.text()).toMatch(/^Code: 62\. DB::Exception: .*\(SYNTAX_ERROR\) \(version /);
    const unknownParameter = await failure(rows('SELECT {nowhere_given:String} AS v'));
    expect(unknownParameter.type).toBe('UNKNOWN_QUERY_PARAMETER');
    const unknownSetting = await failure(client.query({ query: 'SELECT 1', clickhouse_settings: { no_such_setting: 1 } as never }));
    expect(unknownSetting.type).toBe('UNKNOWN_SETTING');
    const unknownDatabase = createClient({ url: server.url, username: 'tester', password: 's3cret', database: 'nowhere' });
    try {
      expect((await failure(unknownDatabase.query({ query: 'SELECT 1' }))).type).toBe('UNKNOWN_DATABASE');
    } finally {
      await unknownDatabase.close();
    }
  });

  it('refuses wrong credentials with AUTHENTICATION_FAILED', async () => {
    const wrong = createClient({ url: server.url, username: 'tester', password: 'nope', database: 'dw' });
    try {
      const error = await failure(wrong.query({ query: 'SELECT 1' }));
      expect(error.code).toBe('516');
      expect(error.type).toBe('AUTHENTICATION_FAILED');
    } finally {
      await wrong.close();
    }
    expect((await fetch(`${server.url}/?query=SELECT%201`)).status).toBe(403);
  });

  it('refuses a body over the limit with QUERY_IS_TOO_LARGE, and keeps serving', async () => {
    const big = Array.from({ length: 2000 }, (_, i) => ({ id: 1000 + i, s: 'x'.repeat(40) }));
    const error = await failure(client.insert({ table: 't', values: big, format: 'JSONEachRow' }));
    expect(error.type).toBe('QUERY_IS_TOO_LARGE');
    expect(await rows<{ n: number }>('SELECT toUInt32(count()) AS n FROM t WHERE id >= 1000')).toEqual([{ n: 0 }]);
  });

  it('runs the migrations and repositories of a service unchanged (server mode)', async () => {
    const store = await openStore({
      dataDir: dir.dataDir,
      clickhouse: { mode: 'server', url: server.url, database: 'dw', user: 'tester', password: new Secret('s3cret') },
      retention: { windowDays: 3650, resultDays: 3650, incidentDays: 3650, sampleDays: 3650 },
    });
    try {
      expect(store.migrations.applied.length).toBeGreaterThan(10);
      expect(await store.windows.listModels()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
