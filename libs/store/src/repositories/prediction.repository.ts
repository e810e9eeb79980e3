import type { PredictionRow } from '@driftwatch/contracts';
import type { StoreClient } from '../client/store-client';
import { toDateTime64 } from '../sql/datetime.util';
import { toNumber } from '../sql/number.util';
import { predictionValueOf, type PredictionColumns } from '../sql/prediction-value.util';

/** A stored prediction, as read back (one per model and eventId). */
export type StoredPrediction = PredictionRow;

const DAY_MS = 86_400_000;
/** The largest second a DateTime column holds (2106-02-07 06:28:15 UTC). */
const MAX_DATETIME_S = 4_294_967_295;

const COLUMNS = `model_id, event_id, model_version,
  toUnixTimestamp64Milli(event_time) AS event_ms,
  toUnixTimestamp64Milli(window_start) AS start_ms,
  toUnixTimestamp64Milli(window_end) AS end_ms,
  prediction_kind, prediction_number, prediction_class, prediction_probabilities, toString(source_offset) AS source_offset`;

/** The order of the values of an inserted row. */
const INSERT_COLUMNS: [string, ...string[]] = [
  'model_id',
  'event_id',
  'model_version',
  'event_time',
  'window_start',
  'window_end',
  'prediction_kind',
  'prediction_number',
  'prediction_class',
  'prediction_probabilities',
  'source_offset',
  'expires_at',
];

interface Row extends PredictionColumns {
  model_id: string;
  event_id: string;
  model_version: string;
  event_ms: unknown;
  start_ms: unknown;
  end_ms: unknown;
  source_offset: string;
}

/**
 * Each event's prediction, kept for the join with labels (migrations 0007 and 0011). Reads use
 * FINAL: the table is a ReplacingMergeTree on (model_id, model_version, window_start, event_id),
 * and FINAL collapses duplicates of an eventId in its window at read time by the same rule as
 * the background merge (highest source_offset wins), so results are right before any merge has
 * run. A copy re-stamped into another window is another row, as the window histograms counted
 * it there too. The alternative, GROUP BY with argMax(column, source_offset) per column, gives
 * the same answer with more SQL; FINAL here only merges the ranges the filters select (a window
 * is one primary-key range; look-ups by event id go through the event_id bloom filter).
 */
export class PredictionRepository {
  constructor(private readonly store: StoreClient) {}

  /**
   * `dedupToken` as for `WindowRepository.insertDeltas`: deterministic per flush, so a replayed
   * insert is dropped. Rows expire `retentionDays` after their event time (the TTL column).
   */
  async insert(rows: readonly PredictionRow[], dedupToken: string, retentionDays: number): Promise<void> {
    if (!dedupToken) throw new Error('PredictionRepository.insert needs a non-empty dedupToken');
    if (!(Number.isInteger(retentionDays) && retentionDays > 0)) throw new RangeError(`retentionDays must be a positive integer, got ${retentionDays}`);
    if (rows.length === 0) return;
    // Rows as arrays (JSONCompactEachRow) under an explicit column list: one row per event
    // makes this the aggregator's largest insert, and arrays stringify and parse faster than
    // objects that repeat every key. Events of a window share its bounds: formatted once.
    let boundsOf: PredictionRow | undefined;
    let start = '';
    let end = '';
    await this.store.client.insert({
      table: this.store.table('predictions'),
      format: 'JSONCompactEachRow',
      columns: INSERT_COLUMNS,
      values: rows.map((r) => {
        if (boundsOf === undefined || r.windowStart !== boundsOf.windowStart || r.windowEnd !== boundsOf.windowEnd) {
          boundsOf = r;
          start = toDateTime64(r.windowStart);
          end = toDateTime64(r.windowEnd);
        }
        return [
          r.modelId,
          r.eventId,
          r.modelVersion,
          toDateTime64(r.eventTime),
          start,
          end,
          r.kind,
          r.number,
          r.class,
          r.probabilities,
          r.sourceOffset,
          Math.max(0, Math.min(MAX_DATETIME_S, Math.floor((r.eventTime + retentionDays * DAY_MS) / 1000))),
        ];
      }),
      clickhouse_settings: { insert_deduplication_token: dedupToken },
    });
  }

  /** The stored predictions of these events of a model (unknown ids are left out), in eventId order. */
  async byEventIds(modelId: string, eventIds: readonly string[]): Promise<StoredPrediction[]> {
    if (eventIds.length === 0) return [];
    const rows = await (
      await this.store.client.query({
        query: `SELECT ${COLUMNS}
                FROM ${this.store.table('predictions')} FINAL
                WHERE model_id = {modelId:String} AND event_id IN {eventIds:Array(String)}
                ORDER BY event_id`,
        query_params: { modelId, eventIds: [...new Set(eventIds)] },
        format: 'JSONEachRow',
      })
    ).json<Row>();
    return rows.map(toStored);
  }

  /** Predictions of a model with `from <= eventTime < to` (epoch ms), each eventId once. */
  async count(modelId: string, from: number, to: number): Promise<number> {
    const [row] = await (
      await this.store.client.query({
        query: `SELECT count() AS n
                FROM ${this.store.table('predictions')} FINAL
                WHERE model_id = {modelId:String}
                  AND event_time >= {from:DateTime64(3, 'UTC')} AND event_time < {to:DateTime64(3, 'UTC')}`,
        query_params: { modelId, from: toDateTime64(from), to: toDateTime64(to) },
        format: 'JSONEachRow',
      })
    ).json<{ n: unknown }>();
    return toNumber(row.n);
  }
}

function toStored(r: Row): StoredPrediction {
  return {
    modelId: r.model_id,
    modelVersion: r.model_version,
    eventId: r.event_id,
    eventTime: toNumber(r.event_ms),
    windowStart: toNumber(r.start_ms),
    windowEnd: toNumber(r.end_ms),
    ...predictionValueOf(r),
    sourceOffset: r.source_offset,
  };
}
