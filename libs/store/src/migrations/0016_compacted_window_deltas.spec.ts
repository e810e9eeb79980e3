import { afterAll, describe, expect, it } from 'vitest';
import { createClickHouseClient } from '../client/clickhouse-client.factory';
import { FeatureKindRepository } from '../repositories/feature-kind.repository';
import { WindowRepository } from '../repositories/window.repository';
import { applyRetention } from '../retention/retention-ttl';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import { migrate } from './migrator';
import { MIGRATIONS } from './index';

const dir = tempDataDir();
const client = createClickHouseClient(embeddedConfig(dir.dataDir, 'mig16'));

afterAll(async () => {
  await client.close();
  dir.remove();
});

const MINUTE = 60_000;
// Recent, so the retention TTL the migration sets does not expire the rows.
const T0 = Math.floor((Date.now() - 3_600_000) / MINUTE) * MINUTE;
const at = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const DELTAS = 12;

async function insertOld(table: string, values: Record<string, unknown>[], token: string): Promise<void> {
  await client.client.insert({ table: client.table(table), values, format: 'JSONEachRow', clickhouse_settings: { insert_deduplication_token: token } });
}

async function scalar(sql: string): Promise<string[]> {
  const rows = await (await client.client.query({ query: sql, format: 'JSONEachRow' })).json<Record<string, unknown>>();
  return rows.map((r) => JSON.stringify(Object.values(r)));
}

describe('migration 0016 (compacted window deltas)', () => {
  it('copies the delta rows of the plain MergeTree tables with their sums, and a re-run keeps them', async () => {
    const before = await migrate(client, MIGRATIONS.filter((m) => m.version < 16));
    expect(before.current).toBe(15);
    // Delta rows as the aggregator wrote them before: one per flush, each its own insert.
    for (let i = 0; i < DELTAS; i++) {
      const bounds = { model_id: 'm', model_version: '1', window_start: at(T0), window_end: at(T0 + MINUTE) };
      await insertOld('windows', [{ ...bounds, event_count: i + 1, late_count: i % 2, first_event_time: at(T0 + 1000 * (i + 1)), last_event_time: at(T0 + 2000 * i), closed_at: i === 5 ? at(T0 + 70_000) : null }], `w${i}`);
      await insertOld(
        'window_features',
        [
          { ...bounds, feature: 'x', baseline_id: 'b', count: i + 1, missing: 1, type_errors: 0, bins: [i, 1, 2], fine_bins: i % 3 === 0 ? [] : [1, i], categories: {}, out_of_range_low: 1, out_of_range_high: 0, min: i === 4 ? null : -i, max: i === 4 ? null : i, sum: i * 1.5, sum_sq: i * i },
          { ...bounds, feature: 'c', baseline_id: 'b', count: 2, missing: 0, type_errors: 0, bins: [], fine_bins: [], categories: { a: i, __other__: 1 }, out_of_range_low: 0, out_of_range_high: 0, min: null, max: null, sum: 0, sum_sq: 0 },
        ],
        `f${i}`,
      );
      await insertOld('window_feature_kinds', [{ ...bounds, feature: 'u', baseline_id: 'b', in_baseline: 0, kinds: { number: 1, string: i } }], `k${i}`);
    }
    const windows = new WindowRepository(client);
    const kinds = new FeatureKindRepository(client);
    const query = { modelId: 'm', from: T0, to: T0 + MINUTE };
    // Read with the summing queries as the old layout had them: the migration must keep exactly this.
    const oldFeatures = await scalar(
      `SELECT feature, sum(count), sumForEach(bins), sumForEach(fine_bins), sumMap(categories), min(min), max(max), sum(sum), sum(sum_sq), sum(missing), sum(out_of_range_low)
       FROM ${client.table('window_features')} GROUP BY feature ORDER BY feature`,
    );
    const oldWindow = await scalar(
      `SELECT sum(event_count), sum(late_count), min(first_event_time), max(last_event_time), min(closed_at), count() FROM ${client.table('windows')}`,
    );
    const oldKinds = await kinds.list(query);

    const migrated = await migrate(client);
    expect(migrated.applied).toEqual([16]);
    await applyRetention(client, '`mig16`', embeddedConfig(dir.dataDir).retention);
    const newFeatures = `SELECT feature, sum(count), sumForEachMerge(bins_sum), sumForEachMerge(fine_bins_sum), sumMap(categories), min(min), max(max), sum(sum), sum(sum_sq), sum(missing), sum(out_of_range_low)
       FROM ${client.table('window_features')} GROUP BY feature ORDER BY feature`;
    const newWindow = `SELECT sum(event_count), sum(late_count), min(first_event_time), max(last_event_time), min(closed_at), sum(deltas) FROM ${client.table('windows')}`;
    expect(await scalar(newFeatures)).toEqual(oldFeatures);
    expect(await scalar(newWindow)).toEqual(oldWindow);
    expect(await kinds.list(query)).toEqual(oldKinds);
    const [w] = await windows.windows(query);
    expect({ events: w.eventCount, deltas: w.deltas, features: w.features.map((f) => f.feature) }).toEqual({
      events: (DELTAS * (DELTAS + 1)) / 2,
      deltas: DELTAS,
      features: ['c', 'x'],
    });

    // Every delta table is now an AggregatingMergeTree with its retention TTL, and compacts.
    const engines = await scalar(
      `SELECT name, engine, engine_full LIKE '%TTL toDateTime(window_start) + toIntervalDay(3650)%' FROM system.tables
       WHERE database = 'mig16' AND name IN ('windows', 'window_features', 'window_feature_kinds') ORDER BY name`,
    );
    expect(engines).toEqual([
      '["window_feature_kinds","AggregatingMergeTree",1]',
      '["window_features","AggregatingMergeTree",1]',
      '["windows","AggregatingMergeTree",1]',
    ]);
    for (const t of ['windows', 'window_features', 'window_feature_kinds']) {
      await client.client.command({ query: `OPTIMIZE TABLE ${client.table(t)} FINAL` });
    }
    expect(await scalar(`SELECT feature, toUInt8(count()) FROM ${client.table('window_features')} GROUP BY feature ORDER BY feature`)).toEqual(['["c",1]', '["x",1]']);
    expect(await scalar(newFeatures)).toEqual(oldFeatures);
    expect(await scalar(newWindow)).toEqual(oldWindow);

    // Run again (as after a crash before it was recorded): the compacted rows are copied over as they are.
    await client.client.command({ query: `ALTER TABLE ${client.table('schema_migrations')} DELETE WHERE version = 16` });
    expect((await migrate(client)).applied).toEqual([16]);
    expect(await scalar(newFeatures)).toEqual(oldFeatures);
    expect(await scalar(newWindow)).toEqual(oldWindow);
    expect(await kinds.list(query)).toEqual(oldKinds);
    expect(await scalar(`SELECT name FROM system.tables WHERE database = 'mig16' AND name LIKE '%_0016'`)).toEqual([]);
  });
});
