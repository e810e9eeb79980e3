import type { PredictionRow } from '@driftwatch/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';

const dir = tempDataDir();
let store: Store;

beforeAll(async () => {
  store = await openStore(embeddedConfig(dir.dataDir, 'predictions_spec'));
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
const MIN = 60_000;
const row = (i: number, o: Partial<PredictionRow> = {}): PredictionRow => ({
  modelId: 'm',
  modelVersion: '1',
  eventId: `e${i}`,
  eventTime: T0 + i * 1000,
  windowStart: T0,
  windowEnd: T0 + MIN,
  kind: 'number',
  number: 0.25 + i / 100,
  class: null,
  probabilities: {},
  sourceOffset: String(i),
  ...o,
});

async function rawCount(modelId: string): Promise<number> {
  const [r] = await (
    await store.client.client.query({
      query: `SELECT count() AS n FROM ${store.client.table('predictions')} WHERE model_id = {m:String}`,
      query_params: { m: modelId },
      format: 'JSONEachRow',
    })
  ).json<{ n: unknown }>();
  return Number(r.n);
}

describe('PredictionRepository', () => {
  it('stores the three shapes explicitly and reads them back by eventId', async () => {
    const rows = [
      row(1),
      row(2, { kind: 'class', number: null, class: 'approve' }),
      row(3, { kind: 'probabilities', number: null, probabilities: { approve: 0.25, reject: 0.75 } }),
      row(4, { kind: 'probabilities', number: null, probabilities: {} }),
    ];
    await store.predictions.insert(rows, 'shapes-1', 90);
    expect(await store.predictions.byEventIds('m', ['e4', 'e2', 'e1', 'e3', 'e99', 'e1'])).toEqual(rows);
    expect(await store.predictions.byEventIds('other', ['e1'])).toEqual([]);
    expect(await store.predictions.byEventIds('m', [])).toEqual([]);
  });

  it('drops an insert repeated under the same token', async () => {
    const batch = [row(10, { modelId: 'tok' }), row(11, { modelId: 'tok' })];
    await store.predictions.insert(batch, 'tok-1', 90);
    await store.predictions.insert(batch, 'tok-1', 90);
    expect(await rawCount('tok')).toBe(2);
    expect(await store.predictions.count('tok', 0, T0 + 3_600_000)).toBe(2);
  });

  it('collapses an eventId sent twice to one row before any merge: the higher source offset wins', async () => {
    await store.client.client.command({ query: `SYSTEM STOP MERGES ${store.client.table('predictions')}` });
    try {
      // The later copy (offset 21) was inserted first.
      await store.predictions.insert([row(1, { modelId: 'dup', sourceOffset: '21', number: 0.9 })], 'dup-1', 90);
      await store.predictions.insert([row(1, { modelId: 'dup', sourceOffset: '20', number: 0.1 }), row(2, { modelId: 'dup', sourceOffset: '22' })], 'dup-2', 90);
      expect(await rawCount('dup')).toBe(3);
      const got = await store.predictions.byEventIds('dup', ['e1', 'e2']);
      expect(got.map((p) => [p.eventId, p.number, p.sourceOffset, p.windowStart])).toEqual([
        ['e1', 0.9, '21', T0],
        ['e2', 0.27, '22', T0],
      ]);
      expect(await store.predictions.count('dup', 0, T0 + 3_600_000)).toBe(2);
    } finally {
      await store.client.client.command({ query: `SYSTEM START MERGES ${store.client.table('predictions')}` });
    }
  });

  it('keeps a copy re-stamped into another window apart, as the window histograms count it', async () => {
    // The table is keyed by window (migration 0011): a producer that re-sends an eventId with a new
    // event time made a second event in another window, which the aggregator counted there too.
    await store.predictions.insert([row(1, { modelId: 'restamped', sourceOffset: '20', number: 0.1 })], 'restamped-1', 90);
    await store.predictions.insert([row(1, { modelId: 'restamped', sourceOffset: '21', eventTime: T0 + 2 * MIN, windowStart: T0 + 2 * MIN, windowEnd: T0 + 3 * MIN, number: 0.9 })], 'restamped-2', 90);
    expect(await store.predictions.count('restamped', T0, T0 + MIN)).toBe(1);
    expect(await store.predictions.count('restamped', T0 + 2 * MIN, T0 + 3 * MIN)).toBe(1);
  });

  it('counts by event time, from inclusive, to exclusive', async () => {
    await store.predictions.insert([0, 30, 59, 60].map((s) => row(s, { modelId: 'range' })), 'range-1', 90);
    expect(await store.predictions.count('range', T0, T0 + MIN)).toBe(3);
    expect(await store.predictions.count('range', T0 + 30_000, T0 + 60_001)).toBe(3);
    expect(await store.predictions.count('nobody', 0, T0 + MIN)).toBe(0);
  });

  it('sets the TTL column from the event time and the retention', async () => {
    await store.predictions.insert([row(0, { modelId: 'ttl' })], 'ttl-1', 7);
    const [r] = await (
      await store.client.client.query({
        query: `SELECT toUnixTimestamp(expires_at) AS s FROM ${store.client.table('predictions')} WHERE model_id = 'ttl'`,
        format: 'JSONEachRow',
      })
    ).json<{ s: unknown }>();
    expect(Number(r.s) * 1000).toBe(T0 + 7 * 86_400_000);
    await expect(store.predictions.insert([row(0)], 'ttl-2', 0)).rejects.toThrow(/retentionDays/);
    await expect(store.predictions.insert([row(0)], '', 7)).rejects.toThrow(/dedupToken/);
  });
});
