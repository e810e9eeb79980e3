import type { StoreClient } from '../client/store-client';
import { toDateTime64 } from '../sql/datetime.util';
import { toNumber } from '../sql/number.util';
import type { EventSample } from './sample.types';

export interface SampleQuery {
  readonly modelId: string;
  readonly modelVersion: string;
  /** Epoch ms, `from <= eventTime < to`; everything when omitted. */
  readonly from?: number;
  readonly to?: number;
  readonly limit?: number;
}

const FILTER = `model_id = {modelId:String} AND model_version = {modelVersion:String}
  AND event_time >= {from:DateTime64(3, 'UTC')} AND event_time < {to:DateTime64(3, 'UTC')}`;

/** Raw events kept for models without a baseline (migration 0002). */
export class SampleRepository {
  constructor(private readonly store: StoreClient) {}

  /** `dedupToken` as for `WindowRepository.insertDeltas`: deterministic per batch. */
  async insert(samples: readonly EventSample[], dedupToken: string): Promise<void> {
    if (!dedupToken) throw new Error('SampleRepository.insert needs a non-empty dedupToken');
    if (samples.length === 0) return;
    await this.store.client.insert({
      table: this.store.table('event_samples'),
      format: 'JSONEachRow',
      values: samples.map((s) => ({
        model_id: s.modelId,
        model_version: s.modelVersion,
        event_id: s.eventId,
        event_time: toDateTime64(s.eventTime),
        features: JSON.stringify(s.features),
        prediction: JSON.stringify(s.prediction ?? null),
      })),
      clickhouse_settings: { insert_deduplication_token: dedupToken },
    });
  }

  /** Samples oldest first, one per event id. */
  async list(query: SampleQuery): Promise<EventSample[]> {
    const rows = await (
      await this.store.client.query({
        query: `SELECT model_id, model_version, event_id, toUnixTimestamp64Milli(event_time) AS event_ms, features, prediction
                FROM ${this.store.table('event_samples')} FINAL
                WHERE ${FILTER}
                ORDER BY event_time, event_id
                LIMIT {limit:UInt64}`,
        query_params: this.params(query),
        format: 'JSONEachRow',
      })
    ).json<{ model_id: string; model_version: string; event_id: string; event_ms: unknown; features: string; prediction: string }>();
    return rows.map((r) => ({
      modelId: r.model_id,
      modelVersion: r.model_version,
      eventId: r.event_id,
      eventTime: toNumber(r.event_ms),
      features: JSON.parse(r.features) as Record<string, unknown>,
      prediction: JSON.parse(r.prediction) as unknown,
    }));
  }

  async count(query: SampleQuery): Promise<number> {
    const [row] = await (
      await this.store.client.query({
        query: `SELECT uniqExact(event_id) AS n FROM ${this.store.table('event_samples')} WHERE ${FILTER}`,
        query_params: this.params(query),
        format: 'JSONEachRow',
      })
    ).json<{ n: unknown }>();
    return toNumber(row.n);
  }

  private params(q: SampleQuery): Record<string, unknown> {
    return {
      modelId: q.modelId,
      modelVersion: q.modelVersion,
      from: toDateTime64(q.from ?? 0),
      // The largest instant DateTime64(3) holds.
      to: toDateTime64(q.to ?? Date.UTC(2299, 11, 31, 23, 59, 59, 999)),
      limit: q.limit ?? 100_000,
    };
  }
}
