import { createClickHouseClient, type StoreConfig } from './client/clickhouse-client.factory';
import type { StoreClient } from './client/store-client';
import { migrate, type MigrationReport } from './migrations/migrator';
import { applyRetention } from './retention/retention-ttl';
import { quoteIdentifier } from './sql/identifier.util';
import { BaselineRepository } from './repositories/baseline.repository';
import { PredictionRepository } from './repositories/prediction.repository';
import { SampleRepository } from './repositories/sample.repository';
import { WindowRepository } from './repositories/window.repository';

export interface Store {
  readonly client: StoreClient;
  readonly migrations: MigrationReport;
  readonly baselines: BaselineRepository;
  readonly windows: WindowRepository;
  readonly samples: SampleRepository;
  readonly predictions: PredictionRepository;
  close(): Promise<void>;
}

/**
 * Opens the client, creates the database if missing and applies pending migrations: what a
 * service does once at start. On a migration failure the client is closed before rethrowing,
 * so the embedded directory is not left held.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  const client = createClickHouseClient(config);
  let migrations: MigrationReport;
  try {
    migrations = await migrate(client);
    await applyRetention(client, quoteIdentifier(client.database), config.retention);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  return {
    client,
    migrations,
    baselines: new BaselineRepository(client),
    windows: new WindowRepository(client),
    samples: new SampleRepository(client),
    predictions: new PredictionRepository(client),
    close: () => client.close(),
  };
}
