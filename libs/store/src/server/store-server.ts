import type { DriftwatchConfig, StoreServerConfig } from '@driftwatch/config';
import { openEmbeddedConnection } from '../client/clickhouse-client.factory';
import { quoteIdentifier } from '../sql/identifier.util';
import { EmbeddedSqlExecutor } from './embedded-sql-executor';
import { startStoreHttpServer } from './store-http-server';

export interface RunningStoreServer {
  readonly url: string;
  readonly port: number;
  /** The embedded engine's directory. */
  readonly directory: string;
  readonly version: string;
  /** Statements queued or running. */
  readonly inFlight: () => number;
  /** Stops listening, lets running statements finish and closes the engine. */
  close(): Promise<void>;
}

export interface StoreServerLog {
  error(message: string): void;
}

/**
 * Opens the embedded engine under `dataDir`, creates the configured database (services send
 * it with every request, and an unknown one is refused as a server would) and serves it over
 * ClickHouse's HTTP interface on `storeServer.host:port`.
 */
export async function startStoreServer(
  config: Pick<DriftwatchConfig, 'dataDir' | 'clickhouse'> & { storeServer: StoreServerConfig },
  log?: StoreServerLog,
): Promise<RunningStoreServer> {
  const { connection, directory } = openEmbeddedConnection(config);
  try {
    await connection.chdb.queryAsync(`CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(config.clickhouse.database)}`);
    const executor = await EmbeddedSqlExecutor.open(connection.chdb);
    const http = await startStoreHttpServer(executor, {
      host: config.storeServer.host,
      port: config.storeServer.port,
      maxBodyBytes: config.storeServer.maxBodyBytes,
      user: config.clickhouse.user,
      password: config.clickhouse.password?.reveal(),
      onError: log ? ({ message, queryId }) => log.error(`query ${queryId} failed: ${message}`) : undefined,
    });
    const host = config.storeServer.host.includes(':') ? `[${config.storeServer.host}]` : config.storeServer.host;
    return {
      url: `http://${host}:${http.port}`,
      port: http.port,
      directory,
      version: executor.version,
      inFlight: () => executor.inFlight,
      async close() {
        await http.close();
        await connection.close();
      },
    };
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
}
