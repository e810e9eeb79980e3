// The catalog lists (models, a model's baselines, webhook destinations) are paged in SQL: every
// item once across the pages, in a stable order, the same answers as before, and a store with
// 100,000 models answers a page without reading them all into the api.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaselineSummaryView } from '../src/baselines/baseline-view';
import type { ModelView } from '../src/models/model-catalog.service';
import type { WebhookView } from '../src/webhooks/webhook-view';
import { getJson, postJson, startTestApi, type TestApi } from './test-api.test-util';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE: 'true' });
}, 120_000);

afterAll(async () => {
  await api?.close();
});

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);

const baseline = (baselineId: string) => ({
  baselineId,
  rowCount: 10,
  source: 'file:train.csv',
  features: [{ name: 'region', kind: 'categorical', categories: { north: 6, south: 4 }, count: 10, missing: 0 }],
});

/** Every page of a list, following nextCursor from the first. */
async function allPages<T>(url: (cursor: string | null) => string, field: string): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await getJson<Record<string, unknown>>(url(cursor));
    expect(res.status).toBe(200);
    items.push(...(res.body[field] as T[]));
    cursor = res.body.nextCursor as string | null;
    pages += 1;
  } while (cursor !== null && pages < 1000);
  return { items, pages };
}

/** Windows of `models` model ids (`model-000000` …), one version and one window each, written by ClickHouse itself. */
async function insertWindowsOf(models: number, prefix: string): Promise<void> {
  const { client } = api.store.client;
  await client.command({
    query: `INSERT INTO ${api.store.client.table('windows')} (model_id, model_version, window_start, window_end, event_count, late_count)
            SELECT concat({prefix:String}, leftPad(toString(number), 6, '0')), '1',
                   toDateTime64({start:Int64} / 1000, 3, 'UTC'), toDateTime64(({start:Int64} + 60000) / 1000, 3, 'UTC'), 5, 0
            FROM numbers({models:UInt32})`,
    query_params: { prefix, start: T0, models },
  });
}

describe('GET /api/models', () => {
  it('pages in SQL: every model once, by id, with its versions, active baseline and version count', async () => {
    await insertWindowsOf(5, 'paged-');
    for (const version of ['1', '2']) {
      expect((await postJson(`${api.baseUrl}/api/models/paged-000001/versions/${version}/baselines`, baseline(`b-${version}`))).status).toBe(201);
    }
    expect((await postJson(`${api.baseUrl}/api/models/paged-000001/versions/2/baselines`, baseline('b-2-newer'))).status).toBe(201);

    const { items, pages } = await allPages<ModelView>((c) => `${api.baseUrl}/api/models?limit=2${c === null ? '' : `&cursor=${c}`}`, 'models');
    expect(pages).toBe(3);
    expect(items.map((m) => m.modelId)).toEqual(['paged-000000', 'paged-000001', 'paged-000002', 'paged-000003', 'paged-000004']);
    const one = items[1];
    expect(one.versionCount).toBe(2);
    expect(one.versions.map((v) => [v.modelVersion, v.windowCount, v.hasBaseline, v.activeBaselineId])).toEqual([
      ['1', 1, true, 'b-1'],
      ['2', 0, true, 'b-2-newer'],
    ]);
    expect(items[0].versions).toEqual([
      { modelVersion: '1', windowCount: 1, eventCount: 5, firstWindowStart: new Date(T0).toISOString(), lastWindowEnd: new Date(T0 + 60_000).toISOString(), hasBaseline: false, activeBaselineId: null },
    ]);
    const whole = await getJson<{ models: ModelView[]; nextCursor: string | null }>(`${api.baseUrl}/api/models`);
    expect(whole.body).toEqual({ models: items, nextCursor: null });
  }, 120_000);

  it('lists at most 100 versions of a model, those with the newest windows, and says how many it has', async () => {
    const { client } = api.store.client;
    await client.command({
      query: `INSERT INTO ${api.store.client.table('windows')} (model_id, model_version, window_start, window_end, event_count, late_count)
              SELECT 'many-versions', concat('v', leftPad(toString(number), 3, '0')),
                     toDateTime64(({start:Int64} + number * 60000) / 1000, 3, 'UTC'), toDateTime64(({start:Int64} + number * 60000 + 60000) / 1000, 3, 'UTC'), 1, 0
              FROM numbers(250)`,
      query_params: { start: T0 },
    });
    const res = await getJson<{ models: ModelView[] }>(`${api.baseUrl}/api/models?limit=1000`);
    const many = res.body.models.find((m) => m.modelId === 'many-versions');
    expect(many?.versionCount).toBe(250);
    expect(many?.versions).toHaveLength(100);
    // The 100 newest (v150 … v249), listed by version.
    expect(many?.versions.map((v) => v.modelVersion)).toEqual(Array.from({ length: 100 }, (_, i) => `v${String(150 + i).padStart(3, '0')}`));
  }, 120_000);

  it('answers a page of a store with 100,000 models with that page only', async () => {
    await insertWindowsOf(100_000, 'bulk-');
    const started = Date.now();
    const first = await getJson<{ models: ModelView[]; nextCursor: string | null }>(`${api.baseUrl}/api/models?limit=3&cursor=50000`);
    const took = Date.now() - started;
    expect(first.status).toBe(200);
    // Ids sort 'bulk-…' < 'many-versions' < 'paged-…': position 50000 is bulk-050000.
    expect(first.body.models.map((m) => m.modelId)).toEqual(['bulk-050000', 'bulk-050001', 'bulk-050002']);
    expect(first.body.nextCursor).toBe('50003');
    const last = await getJson<{ models: ModelView[]; nextCursor: string | null }>(`${api.baseUrl}/api/models?limit=1000&cursor=99999`);
    expect(last.body.models.map((m) => m.modelId)).toEqual(['bulk-099999', 'many-versions', 'paged-000000', 'paged-000001', 'paged-000002', 'paged-000003', 'paged-000004']);
    expect(last.body.nextCursor).toBeNull();
    // Generous: the point is that it does not aggregate and ship 100,000 models per request.
    expect(took).toBeLessThan(30_000);
  }, 300_000);
});

describe('GET /api/models/{model}/baselines', () => {
  it('pages a model’s baselines in SQL, newest first, each once, only that model’s', async () => {
    for (let i = 0; i < 7; i++) {
      expect((await postJson(`${api.baseUrl}/api/models/with-baselines/versions/${i % 2}/baselines`, baseline(`wb-${i}`))).status).toBe(201);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await postJson(`${api.baseUrl}/api/models/other-model/versions/1/baselines`, baseline('other'))).status).toBe(201);
    const { items, pages } = await allPages<BaselineSummaryView>((c) => `${api.baseUrl}/api/models/with-baselines/baselines?limit=3${c === null ? '' : `&cursor=${c}`}`, 'baselines');
    expect(pages).toBe(3);
    expect(items.map((b) => b.baselineId)).toEqual(['wb-6', 'wb-5', 'wb-4', 'wb-3', 'wb-2', 'wb-1', 'wb-0']);
    // The newest of each version is active, wherever its page.
    expect(items.filter((b) => b.active).map((b) => b.baselineId)).toEqual(['wb-6', 'wb-5']);
    expect((await getJson(`${api.baseUrl}/api/models/with-baselines/baselines?limit=1001`)).status).toBe(400);
    expect((await getJson(`${api.baseUrl}/api/models/with-baselines/baselines?cursor=-1`)).status).toBe(400);
  }, 120_000);
});

describe('GET /api/webhooks', () => {
  it('pages destinations in SQL, oldest first, each once, deleted ones left out', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await postJson<WebhookView>(`${api.baseUrl}/api/webhooks`, { name: `hook-${i}`, format: 'generic', url: `https://hooks.example.com/${i}`, secret: 'a-secret-of-enough-length' });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
      await new Promise((r) => setTimeout(r, 5));
    }
    const removed = await fetch(`${api.baseUrl}/api/webhooks/${ids[2]}`, { method: 'DELETE' });
    expect(removed.status).toBeLessThan(300);
    const { items, pages } = await allPages<WebhookView>((c) => `${api.baseUrl}/api/webhooks?limit=2${c === null ? '' : `&cursor=${c}`}`, 'webhooks');
    expect(pages).toBe(2);
    expect(items.map((w) => w.id)).toEqual([ids[0], ids[1], ids[3], ids[4]]);
  }, 120_000);
});
