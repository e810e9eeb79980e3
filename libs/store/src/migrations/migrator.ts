import type { StoreClient } from '../client/store-client';
import { quoteIdentifier } from '../sql/identifier.util';
import { toNumber } from '../sql/number.util';
import { MIGRATIONS } from './index';
import type { Migration } from './migration';

export interface MigrationReport {
  /** Versions applied by this call (empty when the schema was already current). */
  readonly applied: number[];
  readonly current: number;
}

/**
 * Creates the database if missing and applies the migrations not yet recorded in
 * `schema_migrations`, in order. Running it again is a no-op. Several processes starting at
 * once are safe: every statement is idempotent and the record table collapses duplicates.
 */
export async function migrate(store: StoreClient, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationReport> {
  checkOrder(migrations);
  const db = quoteIdentifier(store.database);
  const { client } = store;
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${db}` });
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${store.table('schema_migrations')}
            (version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
            ENGINE = ReplacingMergeTree ORDER BY version`,
  });
  const rows = await (
    await client.query({ query: `SELECT DISTINCT version FROM ${store.table('schema_migrations')}`, format: 'JSONEachRow' })
  ).json<{ version: unknown }>();
  const done = new Set(rows.map((r) => toNumber(r.version)));

  const applied: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    for (const statement of migration.statements(db)) {
      try {
        await client.command({ query: statement });
      } catch (error) {
        throw new Error(`Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
      }
    }
    await client.insert({
      table: store.table('schema_migrations'),
      values: [{ version: migration.version, name: migration.name }],
      format: 'JSONEachRow',
    });
    applied.push(migration.version);
  }
  return { applied, current: Math.max(0, ...done, ...applied) };
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (i > 0 && m.version <= migrations[i - 1].version) {
      throw new Error(`Migrations out of order: ${migrations[i - 1].version} before ${m.version}`);
    }
  });
}
