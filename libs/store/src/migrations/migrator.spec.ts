import { afterAll, describe, expect, it } from 'vitest';
import { createClickHouseClient } from '../client/clickhouse-client.factory';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import { migrate } from './migrator';
import { MIGRATIONS } from './index';

const dir = tempDataDir();
const client = createClickHouseClient(embeddedConfig(dir.dataDir, 'mig'));

afterAll(async () => {
  await client.close();
  dir.remove();
});

async function tables(): Promise<string[]> {
  const rows = await (
    await client.client.query({
      query: 'SELECT name FROM system.tables WHERE database = {db:String} ORDER BY name',
      query_params: { db: 'mig' },
      format: 'JSONEachRow',
    })
  ).json<{ name: string }>();
  return rows.map((r) => r.name);
}

describe('migrate', () => {
  it('creates the database and every table, then is a no-op', async () => {
    const first = await migrate(client);
    expect(first.applied).toEqual(MIGRATIONS.map((m) => m.version));
    // Every table some migration creates (read from its DDL text), plus the migrations record.
    // The tables the migrations' DDL leaves, replayed in order: a table rebuilt under a new
    // sorting key is created aside, renamed into place, and the old one dropped.
    const created: string[] = [];
    const expected = new Set<string>();
    for (const sql of MIGRATIONS.flatMap((m) => m.statements('`mig`'))) {
      const create = /CREATE TABLE IF NOT EXISTS `mig`\.(\w+)/.exec(sql)?.[1];
      if (create) {
        created.push(create);
        expected.add(create);
      }
      for (const [, from, to] of sql.matchAll(/`mig`\.(\w+) TO `mig`\.(\w+)/g)) {
        expected.delete(from);
        expected.add(to);
      }
      const dropped = /DROP TABLE `mig`\.(\w+)/.exec(sql)?.[1];
      if (dropped) expected.delete(dropped);
    }
    expect(await tables()).toEqual([...expected, 'schema_migrations'].sort());
    expect(created).toEqual(expect.arrayContaining(['baselines', 'event_samples', 'window_features', 'windows', 'ingest_flushes', 'window_feature_kinds']));

    const second = await migrate(client);
    expect(second.applied).toEqual([]);
    expect(second.current).toBe(first.current);
    const recorded = await (
      await client.client.query({ query: `SELECT version FROM ${client.table('schema_migrations')} ORDER BY version`, format: 'JSONEachRow' })
    ).json<{ version: number }>();
    expect(recorded.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('re-runs an unrecorded migration without harming existing data', async () => {
    await migrate(client);
    // A recent window: migration 0015 sets the tables' retention, and re-running it applies the
    // TTL to existing rows (an old fixed date would expire, rightly).
    const minute = Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000;
    const at = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
    await client.client.insert({
      table: client.table('windows'),
      values: [{ model_id: 'm', model_version: '1', window_start: at(minute), window_end: at(minute + 60_000), event_count: 7, late_count: 0 }],
      format: 'JSONEachRow',
      clickhouse_settings: { insert_deduplication_token: 'migrator-spec' },
    });
    await client.client.insert({
      table: client.table('predictions'),
      values: [{ model_id: 'm', event_id: 'e1', model_version: '1', event_time: '2026-01-01 00:00:01.000', window_start: '2026-01-01 00:00:00.000', window_end: '2026-01-01 00:01:00.000', prediction_kind: 'number', prediction_number: 0.5, prediction_class: null, prediction_probabilities: {}, source_offset: 1, expires_at: 4_000_000_000 }],
      format: 'JSONEachRow',
    });
    // As if the process died after the DDL but before recording it.
    await client.client.command({ query: `TRUNCATE TABLE ${client.table('schema_migrations')}` });
    const rerun = await migrate(client);
    expect(rerun.applied).toEqual(MIGRATIONS.map((m) => m.version));
    const [row] = await (
      await client.client.query({ query: `SELECT sum(event_count) AS n FROM ${client.table('windows')}`, format: 'JSONEachRow' })
    ).json<{ n: number }>();
    expect(Number(row.n)).toBe(7);
    // The predictions table is rebuilt again by its re-keying migration: its rows are copied over.
    const [predictions] = await (
      await client.client.query({ query: `SELECT count() AS n FROM ${client.table('predictions')} FINAL`, format: 'JSONEachRow' })
    ).json<{ n: number }>();
    expect(Number(predictions.n)).toBe(1);
  });

  it('names the failing migration', async () => {
    const broken = [{ version: 99, name: 'broken on purpose', statements: () => ['CREATE TABLE nonsense ('] }];
    await expect(migrate(client, broken)).rejects.toThrow(/Migration 99 \(broken on purpose\) failed/);
  });

  it('refuses migrations out of order', async () => {
    const [m] = MIGRATIONS;
    await expect(migrate(client, [m, { ...m, version: 0 }])).rejects.toThrow(/out of order/);
  });
});
