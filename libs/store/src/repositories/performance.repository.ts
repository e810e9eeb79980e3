import type { PerformanceMetrics, PerformanceTask } from '@driftwatch/contracts';
import type { StoreClient } from '../client/store-client';
import { toDateTime64 } from '../sql/datetime.util';
import { decodeLabelValue } from '../sql/label-value.util';
import { toNullableNumber, toNumber } from '../sql/number.util';
import { predictionValueOf, type PredictionColumns } from '../sql/prediction-value.util';
import type {
  LabelledPredictionQuery,
  PerformanceCursor,
  PerformanceGranularity,
  PerformanceQuery,
  PerformanceWindowRow,
  WindowCount,
  WindowCountQuery,
  WindowedLabelledPrediction,
  WindowRef,
} from './performance.types';

const DEFAULT_LIMIT = 10_000;
const DT = `DateTime64(3, 'UTC')`;

interface JoinedRow extends PredictionColumns {
  event_id: string;
  event_ms: unknown;
  start_ms: unknown;
  end_ms: unknown;
  has_label: unknown;
  label_kind: string;
  label_value: string;
}

interface WindowRefRow {
  model_id: string;
  model_version: string;
  start_ms: unknown;
  end_ms: unknown;
}

interface PerformanceRow {
  model_id: string;
  model_version: string;
  granularity: string;
  start_ms: unknown;
  end_ms: unknown;
  predicted: unknown;
  labelled: unknown;
  coverage: unknown;
  task: string;
  metric: string;
  value: unknown;
  baseline_value: unknown;
  interval_low: unknown;
  interval_high: unknown;
  interval_confidence: unknown;
  interval_method: string | null;
  judged: unknown;
  reason: string;
  metrics: string;
  computed_ms: unknown;
}

interface CursorRow {
  model_id: string;
  model_version: string;
  granularity: string;
  judged_ms: unknown;
  touched_ms: unknown;
  detector_state: string;
  updated_ms: unknown;
}

/**
 * The join of labels to predictions, and the performance computed from it (migration 0009).
 *
 * Both sides of the join are read with FINAL inside their own subquery, so each side is
 * collapsed to one row per (model, event) BEFORE the join: a producer's duplicate prediction or
 * a label sent twice never doubles a pair, and the winning label (latest label timestamp, see
 * LabelRepository) is the one joined, whether or not a merge has run. The label side is
 * restricted to the events of the predictions selected (`event_id IN (…)` on the sorting key),
 * so a window's join reads its own labels, not the model's. Labels for events never predicted
 * (orphans) are simply not joined; they stay in `labels` until their retention.
 *
 * A window here is the one the aggregator counted the prediction in (`window_start`), which is
 * the event-time window of the prediction: a label, however late, lands in that window.
 */
export class PerformanceRepository {
  constructor(private readonly store: StoreClient) {}

  /**
   * Every stored prediction of the windows of a model version that start in [from, to), with
   * its label or null, ordered by (event time, event id): the error stream's order.
   */
  async labelledPredictions(query: LabelledPredictionQuery): Promise<WindowedLabelledPrediction[]> {
    const predictions = this.store.table('predictions');
    const selected = `FROM ${predictions} FINAL
       WHERE model_id = {modelId:String} AND model_version = {modelVersion:String}
         AND window_start >= {from:${DT}} AND window_start < {to:${DT}}`;
    const rows = await this.rows<JoinedRow>(
      `SELECT p.event_id AS event_id, toUnixTimestamp64Milli(p.event_time) AS event_ms,
              toUnixTimestamp64Milli(p.window_start) AS start_ms, toUnixTimestamp64Milli(p.window_end) AS end_ms,
              p.prediction_kind AS prediction_kind, p.prediction_number AS prediction_number,
              p.prediction_class AS prediction_class, p.prediction_probabilities AS prediction_probabilities,
              l.has_label AS has_label, l.label_kind AS label_kind, l.label_value AS label_value
       FROM (SELECT event_id, event_time, window_start, window_end, prediction_kind, prediction_number,
                    prediction_class, prediction_probabilities ${selected}) AS p
       LEFT JOIN (SELECT event_id, label_kind, label_value, toUInt8(1) AS has_label
                  FROM ${this.store.table('labels')} FINAL
                  WHERE model_id = {modelId:String} AND event_id IN (SELECT event_id ${selected})) AS l
         ON p.event_id = l.event_id
       ORDER BY p.event_time, p.event_id`,
      { modelId: query.modelId, modelVersion: query.modelVersion, from: toDateTime64(query.from), to: toDateTime64(query.to) },
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      eventTime: toNumber(r.event_ms),
      windowStart: toNumber(r.start_ms),
      windowEnd: toNumber(r.end_ms),
      ...predictionValueOf(r),
      label: toNumber(r.has_label) === 1 ? decodeLabelValue(r.label_kind, r.label_value) : null,
    }));
  }

  /** Per window starting in [from, to): predictions stored, how many have a label, when the last was stored. Oldest first. */
  async windowCounts(query: WindowCountQuery): Promise<WindowCount[]> {
    const predictions = this.store.table('predictions');
    const selected = `FROM ${predictions} FINAL
       WHERE model_id = {modelId:String} AND ({modelVersion:String} = '' OR model_version = {modelVersion:String})
         AND window_start >= {from:${DT}} AND window_start < {to:${DT}}`;
    const rows = await this.rows<WindowRefRow & { predicted: unknown; labelled: unknown; inserted_ms: unknown; closed: unknown }>(
      `SELECT c.model_id AS model_id, c.model_version AS model_version, c.start_ms AS start_ms, c.end_ms AS end_ms,
              c.predicted AS predicted, c.labelled AS labelled, c.inserted_ms AS inserted_ms, w.closed AS closed
       FROM (SELECT {modelId:String} AS model_id, p.model_version AS model_version, p.window_start AS window_start,
                    toUnixTimestamp64Milli(p.window_start) AS start_ms, toUnixTimestamp64Milli(p.window_end) AS end_ms,
                    count() AS predicted, sum(l.has_label) AS labelled, max(toUnixTimestamp64Milli(p.inserted_at)) AS inserted_ms
             FROM (SELECT event_id, model_version, window_start, window_end, inserted_at ${selected}) AS p
             LEFT JOIN (SELECT DISTINCT event_id, toUInt8(1) AS has_label
                        FROM ${this.store.table('labels')}
                        WHERE model_id = {modelId:String} AND event_id IN (SELECT event_id ${selected})) AS l
               ON p.event_id = l.event_id
             GROUP BY p.model_version, p.window_start, p.window_end) AS c
       LEFT JOIN (SELECT model_version, window_start, toUInt8(countIf(closed_at IS NOT NULL) > 0) AS closed
                  FROM ${this.store.table('windows')}
                  WHERE model_id = {modelId:String} AND window_start >= {from:${DT}} AND window_start < {to:${DT}}
                  GROUP BY model_version, window_start) AS w
         ON c.model_version = w.model_version AND c.window_start = w.window_start
       ORDER BY c.window_start, c.model_version`,
      { modelId: query.modelId, modelVersion: query.modelVersion ?? '', from: toDateTime64(query.from), to: toDateTime64(query.to) },
    );
    return rows.map((r) => ({
      ...toWindowRef(r),
      predicted: toNumber(r.predicted),
      labelled: toNumber(r.labelled),
      lastInsertedAt: toNumber(r.inserted_ms),
      closed: toNumber(r.closed ?? 0) === 1,
    }));
  }

  /** Model versions with a prediction stored at or after `insertedSince` (epoch ms; 0: every version kept). */
  async versionsWithPredictions(insertedSince: number): Promise<{ modelId: string; modelVersion: string }[]> {
    const rows = await this.rows<{ model_id: string; model_version: string }>(
      `SELECT model_id, model_version FROM ${this.store.table('predictions')}
       WHERE inserted_at >= {since:${DT}}
       GROUP BY model_id, model_version ORDER BY model_id, model_version`,
      { since: toDateTime64(insertedSince) },
    );
    return rows.map((r) => ({ modelId: r.model_id, modelVersion: r.model_version }));
  }

  /** Windows (all models) holding a prediction stored at or after `insertedSince`. */
  async windowsWithPredictions(query: { insertedSince: number }): Promise<WindowRef[]> {
    const rows = await this.rows<WindowRefRow>(
      `SELECT model_id, model_version, toUnixTimestamp64Milli(window_start) AS start_ms, toUnixTimestamp64Milli(window_end) AS end_ms
       FROM ${this.store.table('predictions')} FINAL
       WHERE inserted_at >= {since:${DT}}
       GROUP BY model_id, model_version, window_start, window_end
       ORDER BY model_id, model_version, window_start`,
      { since: toDateTime64(query.insertedSince) },
    );
    return rows.map(toWindowRef);
  }

  /**
   * Windows (all models) holding the prediction of an event whose label was received at or after
   * `receivedSince`: the windows a late label changes. Every received copy counts (not only the
   * winner): a superseded label still changed nothing only if it lost, and recomputing is cheap.
   */
  async windowsTouchedByLabels(query: { receivedSince: number }): Promise<WindowRef[]> {
    const rows = await this.rows<WindowRefRow>(
      `SELECT model_id, model_version, toUnixTimestamp64Milli(window_start) AS start_ms, toUnixTimestamp64Milli(window_end) AS end_ms
       FROM ${this.store.table('predictions')} FINAL
       WHERE (model_id, event_id) IN (SELECT model_id, event_id FROM ${this.store.table('labels')} WHERE received_at >= {since:${DT}})
       GROUP BY model_id, model_version, window_start, window_end
       ORDER BY model_id, model_version, window_start`,
      { since: toDateTime64(query.receivedSince) },
    );
    return rows.map(toWindowRef);
  }

  /** The latest label timestamp of the model (epoch ms), or null when it has no label. */
  async maxLabelTime(modelId: string): Promise<number | null> {
    const [row] = await this.rows<{ n: unknown; t: unknown }>(
      `SELECT count() AS n, max(toUnixTimestamp64Milli(label_time)) AS t FROM ${this.store.table('labels')} WHERE model_id = {modelId:String}`,
      { modelId },
    );
    return !row || toNumber(row.n) === 0 ? null : toNumber(row.t);
  }

  /** Stores (or replaces: the latest computedAt of a window wins) the performance of windows or buckets. */
  async savePerformance(rows: readonly PerformanceWindowRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.store.client.insert({
      table: this.store.table('performance_windows'),
      format: 'JSONEachRow',
      values: rows.map((r) => ({
        model_id: r.modelId,
        model_version: r.modelVersion,
        granularity: r.granularity,
        window_start: toDateTime64(r.windowStart),
        window_end: toDateTime64(r.windowEnd),
        predicted: r.predicted,
        labelled: r.labelled,
        coverage: finiteOr(r.coverage, 0),
        task: r.task ?? '',
        metric: r.metric,
        value: finiteOr(r.value, null),
        baseline_value: finiteOr(r.baselineValue, null),
        interval_low: finiteOr(r.interval?.low ?? null, null),
        interval_high: finiteOr(r.interval?.high ?? null, null),
        interval_confidence: finiteOr(r.interval?.confidence ?? null, null),
        interval_method: r.interval?.method ?? null,
        judged: r.judged ? 1 : 0,
        reason: r.reason ?? '',
        metrics: JSON.stringify(r.metrics),
        computed_at: toDateTime64(r.computedAt),
      })),
    });
  }

  /** A model's stored performance at one granularity, windows starting in [from, to), newest first, at most `limit`. */
  async list(query: PerformanceQuery): Promise<PerformanceWindowRow[]> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const offset = query.offset ?? 0;
    if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`offset must be a non-negative integer, got ${offset}`);
    const rows = await this.rows<PerformanceRow>(
      `SELECT model_id, model_version, granularity,
              toUnixTimestamp64Milli(window_start) AS start_ms, toUnixTimestamp64Milli(window_end) AS end_ms,
              predicted, labelled, coverage, task, metric, value, baseline_value,
              interval_low, interval_high, interval_confidence, interval_method, judged, reason, metrics,
              toUnixTimestamp64Milli(computed_at) AS computed_ms
       FROM ${this.store.table('performance_windows')} FINAL
       WHERE model_id = {modelId:String}
         AND ({modelVersion:String} = '' OR model_version = {modelVersion:String})
         AND granularity = {granularity:String}
         AND window_start >= {from:${DT}} AND window_start < {to:${DT}}
       ORDER BY window_start DESC, model_version DESC
       LIMIT {limit:UInt32} OFFSET {offset:UInt64}`,
      {
        modelId: query.modelId,
        modelVersion: query.modelVersion ?? '',
        granularity: query.granularity,
        from: toDateTime64(query.from),
        to: toDateTime64(query.to),
        limit,
        offset,
      },
    );
    return rows.map(toPerformanceRow);
  }

  async cursor(modelId: string, modelVersion: string, granularity: PerformanceGranularity): Promise<PerformanceCursor | null> {
    const rows = await this.readCursors(`WHERE model_id = {modelId:String} AND model_version = {modelVersion:String} AND granularity = {granularity:String}`, {
      modelId,
      modelVersion,
      granularity,
    });
    return rows[0] ?? null;
  }

  /** Every cursor (what a restarting evaluator resumes from). */
  async cursors(): Promise<PerformanceCursor[]> {
    return this.readCursors('', {});
  }

  /** Replaces the cursor of (model, version, granularity); `updatedAt` orders saves (default now). */
  async saveCursor(cursor: Omit<PerformanceCursor, 'updatedAt'> & { updatedAt?: number }): Promise<void> {
    await this.store.client.insert({
      table: this.store.table('performance_cursors'),
      format: 'JSONEachRow',
      values: [
        {
          model_id: cursor.modelId,
          model_version: cursor.modelVersion,
          granularity: cursor.granularity,
          judged_through: cursor.judgedThrough === null ? null : toDateTime64(cursor.judgedThrough),
          touched_through: toDateTime64(cursor.touchedThrough),
          detector_state: cursor.detectorState,
          updated_at: toDateTime64(cursor.updatedAt ?? Date.now()),
        },
      ],
    });
  }

  private async readCursors(where: string, params: Record<string, unknown>): Promise<PerformanceCursor[]> {
    const rows = await this.rows<CursorRow>(
      `SELECT model_id, model_version, granularity, toUnixTimestamp64Milli(judged_through) AS judged_ms,
              toUnixTimestamp64Milli(touched_through) AS touched_ms, detector_state, toUnixTimestamp64Milli(updated_at) AS updated_ms
       FROM ${this.store.table('performance_cursors')} FINAL ${where}
       ORDER BY model_id, model_version, granularity`,
      params,
    );
    return rows.map((r) => ({
      modelId: r.model_id,
      modelVersion: r.model_version,
      granularity: r.granularity as PerformanceGranularity,
      judgedThrough: toNullableNumber(r.judged_ms),
      touchedThrough: toNumber(r.touched_ms),
      detectorState: r.detector_state,
      updatedAt: toNumber(r.updated_ms),
    }));
  }

  private async rows<T>(query: string, query_params: Record<string, unknown>): Promise<T[]> {
    return (await this.store.client.query({ query, query_params, format: 'JSONEachRow' })).json<T>();
  }
}

function toWindowRef(r: WindowRefRow): WindowRef {
  return { modelId: r.model_id, modelVersion: r.model_version, windowStart: toNumber(r.start_ms), windowEnd: toNumber(r.end_ms) };
}

function finiteOr<T>(value: number | null, fallback: T): number | T {
  return value !== null && Number.isFinite(value) ? value : fallback;
}

function toPerformanceRow(r: PerformanceRow): PerformanceWindowRow {
  const low = toNullableNumber(r.interval_low);
  const high = toNullableNumber(r.interval_high);
  return {
    modelId: r.model_id,
    modelVersion: r.model_version,
    granularity: r.granularity as PerformanceGranularity,
    windowStart: toNumber(r.start_ms),
    windowEnd: toNumber(r.end_ms),
    predicted: toNumber(r.predicted),
    labelled: toNumber(r.labelled),
    coverage: toNumber(r.coverage),
    task: r.task === '' ? null : (r.task as PerformanceTask),
    metric: r.metric,
    value: toNullableNumber(r.value),
    baselineValue: toNullableNumber(r.baseline_value),
    interval:
      low === null || high === null
        ? null
        : { low, high, confidence: toNullableNumber(r.interval_confidence) ?? 0, method: r.interval_method ?? '' },
    judged: toNumber(r.judged) === 1,
    reason: r.reason === '' ? null : r.reason,
    metrics: JSON.parse(r.metrics) as PerformanceMetrics,
    computedAt: toNumber(r.computed_ms),
  };
}
