import { toDateTime64, type Store } from '@driftwatch/store';

/**
 * Processing time of the last window close per model version, for versions that closed one
 * since `since` (epoch ms). `closed_at` is stamped by the aggregator's clock when the window
 * closes, whatever its event time, which is what silence is judged on.
 * (The window repository has no such query yet; it belongs there.)
 */
export async function lastWindowCloses(store: Store, since: number): Promise<Map<string, number>> {
  const result = await store.client.client.query({
    query: `SELECT model_id, model_version, toUnixTimestamp64Milli(max(closed_at)) AS last_closed
            FROM ${store.client.table('windows')}
            WHERE closed_at >= {since:DateTime64(3, 'UTC')}
            GROUP BY model_id, model_version`,
    query_params: { since: toDateTime64(since) },
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ model_id: string; model_version: string; last_closed: unknown }>();
  return new Map(rows.map((r) => [versionKey(r.model_id, r.model_version), Number(r.last_closed)]));
}

export function versionKey(modelId: string, modelVersion: string): string {
  return JSON.stringify([modelId, modelVersion]);
}
