import type { StoreClient } from '../client/store-client';
import { toDateTime64 } from '../sql/datetime.util';
import { toCountMap, toNumber } from '../sql/number.util';
import type { FeatureKindDelta, FeatureKindSummary } from './ingest-flush.types';
import type { WindowQuery } from './window.repository';

/** Value kinds of features the baseline cannot account for (migration 0003). */
export class FeatureKindRepository {
  constructor(private readonly store: StoreClient) {}

  /** `dedupToken` as for `WindowRepository.insertDeltas`: deterministic per batch. */
  async insert(deltas: readonly FeatureKindDelta[], dedupToken: string): Promise<void> {
    if (!dedupToken) throw new Error('FeatureKindRepository.insert needs a non-empty dedupToken');
    if (deltas.length === 0) return;
    await this.store.client.insert({
      table: this.store.table('window_feature_kinds'),
      format: 'JSONEachRow',
      values: deltas.map((d) => ({
        model_id: d.modelId,
        model_version: d.modelVersion,
        window_start: toDateTime64(d.windowStart),
        window_end: toDateTime64(d.windowEnd),
        feature: d.feature,
        baseline_id: d.baselineId,
        in_baseline: d.inBaseline ? 1 : 0,
        kinds: d.kinds,
      })),
      clickhouse_settings: { insert_deduplication_token: dedupToken },
    });
  }

  /** Per window and feature, the summed kinds, oldest window first. */
  async list(query: WindowQuery): Promise<FeatureKindSummary[]> {
    const result = await this.store.client.query({
      query: `SELECT model_id, model_version, toUnixTimestamp64Milli(window_start) AS w_start,
                     toUnixTimestamp64Milli(window_end) AS w_end, feature, baseline_id,
                     max(in_baseline) AS in_b, sumMap(kinds) AS s_kinds
              FROM ${this.store.table('window_feature_kinds')}
              WHERE model_id = {modelId:String}
                AND ({modelVersion:String} = '' OR model_version = {modelVersion:String})
                AND window_start >= {from:DateTime64(3, 'UTC')} AND window_start < {to:DateTime64(3, 'UTC')}
              GROUP BY model_id, model_version, window_start, window_end, feature, baseline_id
              ORDER BY w_start, model_version, feature, baseline_id`,
      query_params: {
        modelId: query.modelId,
        modelVersion: query.modelVersion ?? '',
        from: toDateTime64(query.from),
        to: toDateTime64(query.to),
      },
      format: 'JSONEachRow',
    });
    const rows = await result.json<{
      model_id: string;
      model_version: string;
      w_start: unknown;
      w_end: unknown;
      feature: string;
      baseline_id: string;
      in_b: unknown;
      s_kinds: unknown;
    }>();
    return rows.map((r) => ({
      modelId: r.model_id,
      modelVersion: r.model_version,
      windowStart: toNumber(r.w_start),
      windowEnd: toNumber(r.w_end),
      feature: r.feature,
      baselineId: r.baseline_id,
      inBaseline: toNumber(r.in_b) === 1,
      kinds: toCountMap(r.s_kinds),
    }));
  }
}
