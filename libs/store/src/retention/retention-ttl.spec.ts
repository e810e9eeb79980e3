import { DEFAULT_RETENTION_CONFIG } from '@driftwatch/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../sql/identifier.util';
import { openStore, type Store } from '../store';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import { applyRetention, hasTtlDays, RETENTION_RULES } from './retention-ttl';

const dir = tempDataDir();
let store: Store;
const DAY = 86_400_000;
const retention = { ...DEFAULT_RETENTION_CONFIG, windowDays: 10, incidentDays: 20 };

beforeAll(async () => {
  store = await openStore({ ...embeddedConfig(dir.dataDir, 'retention_spec'), retention });
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

async function engines(): Promise<Map<string, string>> {
  const r = await store.client.client.query({
    query: 'SELECT name, engine_full FROM system.tables WHERE database = {db:String}',
    query_params: { db: 'retention_spec' },
    format: 'JSONEachRow',
  });
  return new Map((await r.json<{ name: string; engine_full: string }>()).map((row) => [row.name, row.engine_full]));
}

describe('retention TTLs', () => {
  it('sets a TTL on every table that grows, at the configured days', async () => {
    const tables = await engines();
    for (const rule of RETENTION_RULES) {
      const engine = tables.get(rule.table) ?? '';
      expect(hasTtlDays(engine, retention[rule.setting]), `${rule.table}: ${engine}`).toBe(true);
    }
    expect(tables.get('windows')).toMatch(/TTL toDateTime\(window_start\) \+ toIntervalDay\(10\)/);
    expect(tables.get('incidents')).toMatch(/TTL toDateTime\(opened_at\) \+ toIntervalDay\(20\)/);
    expect(tables.get('drift_results')).toMatch(/toIntervalDay\(180\)/);
  });

  it('alters nothing when the TTLs already match, and follows a changed setting', async () => {
    const db = quoteIdentifier('retention_spec');
    expect(await applyRetention(store.client, db, retention)).toEqual([]);
    expect(await applyRetention(store.client, db, { ...retention, sampleDays: 7 })).toEqual(['event_samples']);
    expect(hasTtlDays((await engines()).get('event_samples') ?? '', 7)).toBe(true);
  });

  it('drops expired windows on OPTIMIZE … FINAL and keeps recent ones', async () => {
    const now = Date.now();
    const old = Math.floor((now - 15 * DAY) / 60_000) * 60_000;
    const recent = Math.floor((now - DAY) / 60_000) * 60_000;
    const delta = (start: number) => ({
      modelId: 'ttl', modelVersion: '1', windowStart: start, windowEnd: start + 60_000, eventCount: 1, lateCount: 0,
      firstEventTime: start, lastEventTime: start, closedAt: null,
    });
    await store.windows.insertDeltas({ windows: [delta(old), delta(recent)], features: [] }, 'ttl-1');
    await store.client.client.command({ query: 'OPTIMIZE TABLE retention_spec.windows FINAL' });
    const left = await store.windows.windows({ modelId: 'ttl', from: now - 30 * DAY, to: now });
    expect(left.map((w) => w.windowStart)).toEqual([recent]);
  });
});
