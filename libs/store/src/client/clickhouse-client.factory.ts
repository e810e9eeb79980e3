// An ambient declaration cannot be imported; the reference makes every program that compiles
// this file (apps included, through the path aliases) see it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./chdb-connection.d.ts" />
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient } from '@clickhouse/client';
import type { DriftwatchConfig } from '@driftwatch/config';
import { createChdbConnection } from 'chdb/connection';
import { quoteIdentifier } from '../sql/identifier.util';
import { EmbeddedStoreLockedError, EmbeddedStoreOpenError } from './store-errors';
import type { PingOutcome, StoreClient, StoreMode } from './store-client';
import { nameUnreachableServer } from './server-unreachable';
import { countWriteErrors } from './store-metrics';

type InjectedConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

/** `retention`: the tables' TTLs, applied when the store opens (the defaults when absent). */
export type StoreConfig = Pick<DriftwatchConfig, 'clickhouse' | 'dataDir'> & Partial<Pick<DriftwatchConfig, 'retention'>>;

/** Where the embedded engine keeps its files. */
export function embeddedDataDirectory(config: Pick<DriftwatchConfig, 'dataDir'>): string {
  return path.join(path.resolve(config.dataDir), 'clickhouse');
}

/**
 * A client for the in-process engine (chdb) when `CLICKHOUSE_URL` is unset, else for the
 * server at that URL; the same SQL runs on both. Throws `EmbeddedStoreLockedError` when
 * another process holds the embedded directory. The embedded engine must be loaded in a
 * process's main thread (it crashes at exit inside a worker thread).
 */
export function createClickHouseClient(config: StoreConfig): StoreClient {
  const { database } = config.clickhouse;
  quoteIdentifier(database);
  if (config.clickhouse.mode === 'server') {
    const url = config.clickhouse.url;
    if (!url) throw new Error('ClickHouse server mode needs CLICKHOUSE_URL');
    const client = createClient({
      url,
      username: config.clickhouse.user,
      password: config.clickhouse.password?.reveal(),
      database,
      application: 'driftwatch',
    });
    nameUnreachableServer(client, url);
    return bind(client, 'server', database, url);
  }

  const { connection, directory } = openEmbeddedConnection(config);
  const client = createClient({
    // @clickhouse/client bundles its own copy of the client-common types that chdb implements;
    // they are the same contract, only nominally different.
    connection: connection as unknown as InjectedConnection,
    // chdb applies per-query settings as `SET …` on a session that outlives the query, so a
    // token given to one insert would silently apply to every later insert and drop it as a
    // duplicate. Sending an empty token with every query resets it; an insert that needs a
    // token overrides this default.
    clickhouse_settings: { insert_deduplication_token: '' },
  });
  return bind(client, 'embedded', database, directory);
}

/** chdb's connection to the embedded engine under the data directory. */
export type EmbeddedConnection = ReturnType<typeof createChdbConnection>;

/**
 * Opens the embedded engine's directory (creating it). Throws `EmbeddedStoreLockedError` when
 * another process holds it, `EmbeddedStoreOpenError` for any other failure.
 */
export function openEmbeddedConnection(config: Pick<DriftwatchConfig, 'dataDir'>): { connection: EmbeddedConnection; directory: string } {
  const directory = embeddedDataDirectory(config);
  mkdirSync(directory, { recursive: true });
  try {
    return { connection: createChdbConnection({ path: directory }), directory };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const holder = lockHolder(directory);
    if (holder !== undefined || /Cannot lock file/i.test(message)) {
      throw new EmbeddedStoreLockedError(directory, { cause: error, pid: holder });
    }
    throw new EmbeddedStoreOpenError(directory, message, { cause: error });
  }
}

/**
 * The live process holding the directory, from the `PID:` line the engine writes to its
 * `status` file while it runs. Needed because the engine's "Cannot lock file" text does not
 * reliably reach the thrown error (it sometimes only goes to stderr).
 */
function lockHolder(directory: string): number | undefined {
  let status: string;
  try {
    status = readFileSync(path.join(directory, 'status'), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(/^PID:\s*(\d+)/m.exec(status)?.[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive but owned by another user; ESRCH: a stale file left by a killed process.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

function bind(client: StoreClient['client'], mode: StoreMode, database: string, location: string): StoreClient {
  const db = quoteIdentifier(database);
  countWriteErrors(client);
  let closed = false;
  return {
    client,
    mode,
    database,
    location,
    table: (name) => `${db}.${quoteIdentifier(name)}`,
    async ping(): Promise<PingOutcome> {
      try {
        const result = await client.ping({ select: true });
        return result.success ? { ok: true } : { ok: false, error: result.error.message };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}
