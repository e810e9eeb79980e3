import type { FeatureHistogram, WindowAggregate } from '@driftwatch/contracts';
import { capCategories, MAX_CATEGORIES_LIMIT } from '@driftwatch/stats';
import type { StoreClient } from '../client/store-client';
import { toDateTime64 } from '../sql/datetime.util';
import { toCountMap, toNullableNumber, toNumber, toNumbers, toSum } from '../sql/number.util';
import type { DeltaBatch, ModelPageRow, ModelSummary, WindowDelta, WindowFeatureDelta } from './window.types';

export interface WindowQuery {
  readonly modelId: string;
  /** All versions when omitted. */
  readonly modelVersion?: string;
  /** Epoch ms: windows with `from <= windowStart < to`. */
  readonly from: number;
  readonly to: number;
}

/** When a model version's windows last closed. */
export interface WindowCloseTime {
  readonly modelId: string;
  readonly modelVersion: string;
  /** Epoch ms, the aggregator's clock when it closed the window (processing time). */
  readonly lastClosedAt: number;
}

// Output aliases differ from column names: ClickHouse lets an alias shadow a column in WHERE
// and inside aggregates, which would silently change the query.
interface WindowRow {
  model_id: string;
  model_version: string;
  w_start: unknown;
  w_end: unknown;
  events: unknown;
  late: unknown;
  first_ts: unknown;
  last_ts: unknown;
  closed_ts: unknown;
  n_deltas: unknown;
  n_windows: unknown;
}

interface FeatureRow {
  model_id: string;
  model_version: string;
  w_start: unknown;
  w_end: unknown;
  feature: string;
  baseline_id: string;
  n: unknown;
  n_missing: unknown;
  n_type_errors: unknown;
  s_bins: unknown;
  s_fine_bins: unknown;
  s_categories: unknown;
  n_low: unknown;
  n_high: unknown;
  v_min: unknown;
  v_max: unknown;
  v_sum: unknown;
  v_sum_sq: unknown;
}

// Deltas hold sums clamped to ±MAX_VALUE (libs/stats saturating-sum.ts); adding them may overflow
// again, and ClickHouse writes ±inf to JSON as null, which would read as 0: clamp here too.
function clampedSum(column: string): string {
  return `greatest(least(sum(${column}), ${SATURATED_SQL}), -${SATURATED_SQL})`;
}
const SATURATED_SQL = '1.7976931348623157e308';

// Rows are deltas or merges of deltas (AggregatingMergeTree, migration 0016): summed here either
// way, so the answer does not depend on how far background merges got.
const FEATURE_SUMS = `sum(count) AS n, sum(missing) AS n_missing, sum(type_errors) AS n_type_errors,
  sumForEachMerge(bins_sum) AS s_bins, sumForEachMerge(fine_bins_sum) AS s_fine_bins, sumMap(categories) AS s_categories,
  sum(out_of_range_low) AS n_low, sum(out_of_range_high) AS n_high,
  min(min) AS v_min, max(max) AS v_max, ${clampedSum('sum')} AS v_sum, ${clampedSum('sum_sq')} AS v_sum_sq`;

const FILTER = `model_id = {modelId:String}
  AND ({modelVersion:String} = '' OR model_version = {modelVersion:String})
  AND window_start >= {from:DateTime64(3, 'UTC')} AND window_start < {to:DateTime64(3, 'UTC')}`;

// Buckets are aligned to the Unix epoch, so hours and days line up with UTC.
const BUCKET_START = `fromUnixTimestamp64Milli(intDiv(toUnixTimestamp64Milli(window_start), {bucketMs:Int64}) * {bucketMs:Int64}, 'UTC')`;

// One bucket as long as the span, aligned to its start: every window of [from, to) falls in it,
// and the expression still depends on a column (a constant GROUP BY key could read as a position).
const SPAN_START = `fromUnixTimestamp64Milli(intDiv(toUnixTimestamp64Milli(window_start) - {originMs:Int64}, {bucketMs:Int64}) * {bucketMs:Int64} + {originMs:Int64}, 'UTC')`;

export class WindowRepository {
  constructor(private readonly store: StoreClient) {}

  /**
   * Adds one batch of deltas. `dedupToken` must be deterministic for the batch's content
   * (see `dedupToken()`): writing the same batch again with the same token is a no-op, so a
   * retry after a crash cannot double count. Feature rows go first and window rows last, so
   * a window listed by `windows()` has its features; a crash between the two is repaired by
   * the retry, whose first insert is then dropped as a duplicate.
   */
  async insertDeltas(batch: DeltaBatch, dedupToken: string): Promise<void> {
    if (!dedupToken) throw new Error('insertDeltas needs a non-empty dedupToken');
    batch.features.forEach(checkFeatureDelta);
    batch.windows.forEach(checkWindowDelta);
    const settings = { insert_deduplication_token: dedupToken };
    if (batch.features.length > 0) {
      await this.store.client.insert({
        table: this.store.table('window_features'),
        format: 'JSONEachRow',
        // Named: the bin arrays go into EPHEMERAL columns, which an insert without a column list leaves out.
        columns: FEATURE_INSERT_COLUMNS,
        values: batch.features.map(featureRow),
        clickhouse_settings: settings,
      });
    }
    if (batch.windows.length > 0) {
      await this.store.client.insert({
        table: this.store.table('windows'),
        format: 'JSONEachRow',
        values: batch.windows.map(windowRow),
        clickhouse_settings: settings,
      });
    }
  }

  /** Windows of a model with `from <= start < to`, each summed over its deltas, oldest first. */
  async windows(query: WindowQuery): Promise<WindowAggregate[]> {
    return this.aggregate(query, 'window_start', 'window_end');
  }

  /** One window summed over its deltas, or null when nothing was written for it. */
  async window(modelId: string, modelVersion: string, windowStart: number): Promise<WindowAggregate | null> {
    const [w] = await this.windows({ modelId, modelVersion, from: windowStart, to: windowStart + 1 });
    return w ?? null;
  }

  /**
   * Windows summed into buckets of `bucketSeconds` aligned to the epoch (3600: hours, 86400:
   * UTC days). Histograms add up because every window of one baseline shares its bins.
   */
  async rollup(query: WindowQuery & { readonly bucketSeconds: number }): Promise<WindowAggregate[]> {
    const { bucketSeconds } = query;
    if (!Number.isInteger(bucketSeconds) || bucketSeconds <= 0) {
      throw new RangeError(`rollup: bucketSeconds must be a positive integer, got ${bucketSeconds}`);
    }
    return this.aggregate(query, BUCKET_START, `${BUCKET_START} + toIntervalMillisecond({bucketMs:Int64})`, bucketSeconds * 1000);
  }

  /**
   * Every window of a model version with `from <= windowStart < to` summed into one aggregate
   * spanning [from, to), or null when none was stored: the lagged reference of a window or
   * bucket (last week's same span), whatever the lag's alignment to the epoch.
   */
  async span(query: WindowQuery & { readonly modelVersion: string }): Promise<WindowAggregate | null> {
    const { from, to } = query;
    if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) throw new RangeError(`span: expected from < to, got [${from}, ${to})`);
    const [w] = await this.aggregate(query, SPAN_START, `${SPAN_START} + toIntervalMillisecond({bucketMs:Int64})`, to - from, from);
    return w ?? null;
  }

  /**
   * Where a page of at most `limit` windows (or, with `bucketSeconds`, rollup buckets) starting
   * at `query.from` ends: the start (epoch ms) of the first window or bucket after the page, or
   * null when the range holds no more than `limit`. A page is then `[from, end)`, the next one
   * starts at `end`. Windows of several versions starting at the same instant count once.
   */
  async pageEnd(query: WindowQuery & { readonly limit: number; readonly bucketSeconds?: number }): Promise<number | null> {
    const { limit, bucketSeconds } = query;
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`pageEnd: limit must be a positive integer, got ${limit}`);
    const bucketMs = bucketSeconds === undefined ? undefined : bucketSeconds * 1000;
    const startExpr = bucketMs === undefined ? 'window_start' : BUCKET_START;
    const rows = await this.query<{ s: unknown }>(
      `SELECT DISTINCT toUnixTimestamp64Milli(${startExpr}) AS s
       FROM ${this.store.table('windows')}
       WHERE ${FILTER}
       ORDER BY s
       LIMIT 1 OFFSET {offset:UInt64}`,
      {
        modelId: query.modelId,
        modelVersion: query.modelVersion ?? '',
        from: toDateTime64(query.from),
        to: toDateTime64(query.to),
        offset: limit,
        ...(bucketMs === undefined ? {} : { bucketMs }),
      },
    );
    return rows.length === 0 ? null : toNumber(rows[0].s);
  }

  /**
   * The bounds of a version's window starting last before `before` (epoch ms), or null: the
   * evaluator's rollup rule settles the buckets that ended between it and a closing window.
   */
  async previousWindow(modelId: string, modelVersion: string, before: number): Promise<{ windowStart: number; windowEnd: number } | null> {
    if (!Number.isFinite(before)) throw new RangeError(`previousWindow: before must be a finite epoch ms, got ${before}`);
    const rows = await this.query<{ w_start: unknown; w_end: unknown }>(
      `SELECT toUnixTimestamp64Milli(window_start) AS w_start, toUnixTimestamp64Milli(max(window_end)) AS w_end
       FROM ${this.store.table('windows')}
       WHERE model_id = {modelId:String} AND model_version = {modelVersion:String} AND window_start < {before:DateTime64(3, 'UTC')}
       GROUP BY window_start
       ORDER BY window_start DESC
       LIMIT 1`,
      { modelId, modelVersion, before: toDateTime64(before) },
    );
    return rows.length === 0 ? null : { windowStart: toNumber(rows[0].w_start), windowEnd: toNumber(rows[0].w_end) };
  }

  /** Every model version with windows or a baseline. */
  async listModels(): Promise<ModelSummary[]> {
    return (await this.modelSummaries(null)).map(({ versionCount: _n, ...summary }) => summary);
  }

  /**
   * The versions of `limit` models (by model id) from position `offset`, of each model at most
   * `maxVersions` (those with the newest windows, then versions with a baseline only, by
   * version), each row carrying how many versions its model has in all. Only the page's models
   * are aggregated: the list of model ids is the one thing read whole, by ClickHouse.
   */
  async listModelPage(page: { limit: number; offset: number; maxVersions: number }): Promise<ModelPageRow[]> {
    return this.modelSummaries(page);
  }

  private async modelSummaries(page: { limit: number; offset: number; maxVersions: number } | null): Promise<ModelPageRow[]> {
    const windows = this.store.table('windows');
    const baselines = this.store.table('baselines');
    const inPage = page
      ? `WHERE model_id IN (
           SELECT model_id FROM (SELECT DISTINCT model_id FROM ${windows} UNION DISTINCT SELECT DISTINCT model_id FROM ${baselines})
           ORDER BY model_id LIMIT {limit:UInt32} OFFSET {offset:UInt64})`
      : '';
    const rows = await this.query<{
      model_id: string;
      model_version: string;
      first_window_start: unknown;
      last_window_end: unknown;
      window_count: unknown;
      total_events: unknown;
      with_baseline: unknown;
      version_count: unknown;
    }>(
      // The span is taken over the window rows only (minIf/maxIf): the baseline rows carry a
      // placeholder epoch 0, which a plain min() would report as the first window.
      `SELECT * FROM (
         SELECT model_id, model_version,
                if(max(has_windows) = 1, toUnixTimestamp64Milli(minIf(first_start, has_windows = 1)), NULL) AS first_window_start,
                if(max(has_windows) = 1, toUnixTimestamp64Milli(maxIf(last_end, has_windows = 1)), NULL) AS last_window_end,
                sum(windows) AS window_count, sum(events) AS total_events, max(has_baseline) AS with_baseline,
                count() OVER (PARTITION BY model_id) AS version_count
         FROM (
           SELECT model_id, model_version, min(window_start) AS first_start, max(window_end) AS last_end,
                  uniqExact(window_start) AS windows, sum(event_count) AS events, toUInt8(1) AS has_windows, toUInt8(0) AS has_baseline
           FROM ${windows} ${inPage} GROUP BY model_id, model_version
           UNION ALL
           SELECT model_id, model_version, toDateTime64(0, 3, 'UTC'), toDateTime64(0, 3, 'UTC'),
                  toUInt64(0), toUInt64(0), toUInt8(0), toUInt8(1)
           FROM ${baselines} ${inPage} GROUP BY model_id, model_version
         )
         GROUP BY model_id, model_version
         ${page ? 'ORDER BY model_id, last_window_end DESC NULLS LAST, model_version LIMIT {maxVersions:UInt32} BY model_id' : ''}
       )
       ORDER BY model_id, model_version`,
      page ?? {},
    );
    return rows.map((r) => ({
      modelId: r.model_id,
      modelVersion: r.model_version,
      firstWindowStart: toNullableNumber(r.first_window_start),
      lastWindowEnd: toNullableNumber(r.last_window_end),
      windowCount: toNumber(r.window_count),
      eventCount: toNumber(r.total_events),
      hasBaseline: toNumber(r.with_baseline) === 1,
      versionCount: toNumber(r.version_count),
    }));
  }

  /**
   * The processing time of the last window close per model version, for the versions that
   * closed one at or after `since` (epoch ms), ordered by model and version. `closed_at` is
   * stamped by the aggregator's clock when a window closes, whatever its event time: what the
   * evaluator's silence timer judges on.
   */
  async lastCloses(since: number): Promise<WindowCloseTime[]> {
    if (!Number.isFinite(since)) throw new RangeError(`lastCloses: since must be a finite epoch ms, got ${since}`);
    const rows = await this.query<{ model_id: string; model_version: string; last_closed: unknown }>(
      `SELECT model_id, model_version, toUnixTimestamp64Milli(max(closed_at)) AS last_closed
       FROM ${this.store.table('windows')}
       WHERE closed_at >= {since:DateTime64(3, 'UTC')}
       GROUP BY model_id, model_version
       ORDER BY model_id, model_version`,
      { since: toDateTime64(since) },
    );
    return rows.map((r) => ({ modelId: r.model_id, modelVersion: r.model_version, lastClosedAt: toNumber(r.last_closed) }));
  }

  private async aggregate(query: WindowQuery, startExpr: string, endExpr: string, bucketMs?: number, originMs?: number): Promise<WindowAggregate[]> {
    const params = {
      modelId: query.modelId,
      modelVersion: query.modelVersion ?? '',
      from: toDateTime64(query.from),
      to: toDateTime64(query.to),
      ...(bucketMs === undefined ? {} : { bucketMs }),
      ...(originMs === undefined ? {} : { originMs }),
    };
    // A plain window is one source window per group; a bucket counts its distinct windows. Each
    // window is summed first (its first close is the min over its rows), then the windows into the
    // bucket (its close is the last of its windows' first closes): the same before and after merges.
    const [windowRows, featureRows] = await Promise.all([
      this.query<WindowRow>(
        `SELECT model_id, model_version,
                toUnixTimestamp64Milli(${startExpr}) AS w_start,
                toUnixTimestamp64Milli(${endExpr}) AS w_end,
                sum(w_events) AS events, sum(w_late) AS late,
                toUnixTimestamp64Milli(min(w_first)) AS first_ts,
                toUnixTimestamp64Milli(max(w_last)) AS last_ts,
                toUnixTimestamp64Milli(${bucketMs === undefined ? 'min(w_closed)' : 'max(w_closed)'}) AS closed_ts,
                sum(w_deltas) AS n_deltas, uniqExact(window_start) AS n_windows
         FROM (
           SELECT model_id, model_version, window_start, window_end,
                  sum(event_count) AS w_events, sum(late_count) AS w_late,
                  min(first_event_time) AS w_first, max(last_event_time) AS w_last,
                  min(closed_at) AS w_closed, sum(deltas) AS w_deltas
           FROM ${this.store.table('windows')}
           WHERE ${FILTER}
           GROUP BY model_id, model_version, window_start, window_end
         )
         GROUP BY model_id, model_version, ${startExpr}, ${endExpr}`,
        params,
      ),
      this.query<FeatureRow>(
        `SELECT model_id, model_version,
                toUnixTimestamp64Milli(${startExpr}) AS w_start,
                toUnixTimestamp64Milli(${endExpr}) AS w_end,
                feature, baseline_id, ${FEATURE_SUMS}
         FROM ${this.store.table('window_features')}
         WHERE ${FILTER}
         GROUP BY model_id, model_version, ${startExpr}, ${endExpr}, feature, baseline_id`,
        params,
      ),
    ]);
    return merge(windowRows, featureRows);
  }

  private async query<T>(query: string, query_params: Record<string, unknown>): Promise<T[]> {
    const result = await this.store.client.query({ query, query_params, format: 'JSONEachRow' });
    return result.json<T>();
  }
}

function merge(windowRows: WindowRow[], featureRows: FeatureRow[]): WindowAggregate[] {
  const byKey = new Map<string, WindowAggregate>();
  const keyOf = (r: { model_id: string; model_version: string; w_start: unknown; w_end: unknown }) =>
    JSON.stringify([r.model_id, r.model_version, toNumber(r.w_start), toNumber(r.w_end)]);
  for (const r of windowRows) {
    byKey.set(keyOf(r), {
      modelId: r.model_id,
      modelVersion: r.model_version,
      windowStart: toNumber(r.w_start),
      windowEnd: toNumber(r.w_end),
      eventCount: toNumber(r.events),
      lateCount: toNumber(r.late),
      firstEventTime: toNullableNumber(r.first_ts),
      lastEventTime: toNullableNumber(r.last_ts),
      closedAt: toNullableNumber(r.closed_ts),
      deltas: toNumber(r.n_deltas),
      windowCount: toNumber(r.n_windows),
      features: [],
    });
  }
  for (const r of featureRows) {
    const key = keyOf(r);
    let w = byKey.get(key);
    // Feature deltas whose window row is not written yet (a crash between the two inserts,
    // repaired by the retry) still show, with zero events, rather than vanish.
    if (!w) {
      w = {
        modelId: r.model_id,
        modelVersion: r.model_version,
        windowStart: toNumber(r.w_start),
        windowEnd: toNumber(r.w_end),
        eventCount: 0,
        lateCount: 0,
        firstEventTime: null,
        lastEventTime: null,
        closedAt: null,
        deltas: 0,
        windowCount: 0,
        features: [],
      };
      byKey.set(key, w);
    }
    w.features.push(toHistogram(r));
  }
  const out = [...byKey.values()];
  for (const w of out) {
    w.features.sort((a, b) => compare(a.feature, b.feature) || compare(a.baselineId, b.baselineId));
  }
  return out.sort(
    (a, b) => a.windowStart - b.windowStart || compare(a.modelVersion, b.modelVersion) || a.windowEnd - b.windowEnd,
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toHistogram(r: FeatureRow): FeatureHistogram {
  return {
    feature: r.feature,
    baselineId: r.baseline_id,
    count: toNumber(r.n),
    missing: toNumber(r.n_missing),
    typeErrors: toNumber(r.n_type_errors),
    bins: toNumbers(r.s_bins),
    fineBins: toNumbers(r.s_fine_bins),
    // Each stored delta holds at most the policy's top K + OTHER_CATEGORY, but their sum over a
    // window's flushes (or a rollup's windows) may name more: capped at the largest K a policy
    // may set, so an answer stays bounded (the evaluator caps again at the model's own K).
    categories: capCategories(toCountMap(r.s_categories), MAX_CATEGORIES_LIMIT),
    outOfRangeLow: toNumber(r.n_low),
    outOfRangeHigh: toNumber(r.n_high),
    min: toNullableNumber(r.v_min),
    max: toNullableNumber(r.v_max),
    sum: toSum(r.v_sum),
    sumSq: toSum(r.v_sum_sq),
  };
}

const FEATURE_INSERT_COLUMNS: [string, ...string[]] = [
  'model_id',
  'model_version',
  'window_start',
  'window_end',
  'feature',
  'baseline_id',
  'count',
  'missing',
  'type_errors',
  'bins_delta',
  'fine_bins_delta',
  'categories',
  'out_of_range_low',
  'out_of_range_high',
  'min',
  'max',
  'sum',
  'sum_sq',
];

function featureRow(d: WindowFeatureDelta): Record<string, unknown> {
  return {
    model_id: d.modelId,
    model_version: d.modelVersion,
    window_start: toDateTime64(d.windowStart),
    window_end: toDateTime64(d.windowEnd),
    feature: d.feature,
    baseline_id: d.baselineId,
    count: d.count,
    missing: d.missing,
    type_errors: d.typeErrors,
    bins_delta: d.bins,
    fine_bins_delta: d.fineBins ?? [],
    categories: d.categories,
    out_of_range_low: d.outOfRangeLow,
    out_of_range_high: d.outOfRangeHigh,
    min: d.min,
    max: d.max,
    sum: d.sum,
    sum_sq: d.sumSq,
  };
}

function windowRow(d: WindowDelta): Record<string, unknown> {
  const ts = (ms: number | null) => (ms === null ? null : toDateTime64(ms));
  return {
    model_id: d.modelId,
    model_version: d.modelVersion,
    window_start: toDateTime64(d.windowStart),
    window_end: toDateTime64(d.windowEnd),
    event_count: d.eventCount,
    late_count: d.lateCount,
    first_event_time: ts(d.firstEventTime),
    last_event_time: ts(d.lastEventTime),
    closed_at: ts(d.closedAt),
  };
}

function checkWindowBounds(kind: string, d: { modelId: string; windowStart: number; windowEnd: number }): void {
  if (!d.modelId) throw new Error(`${kind} delta without modelId`);
  if (!(Number.isFinite(d.windowStart) && Number.isFinite(d.windowEnd) && d.windowStart < d.windowEnd)) {
    throw new RangeError(`${kind} delta of ${JSON.stringify(d.modelId)}: window [${d.windowStart}, ${d.windowEnd}) is not a valid interval`);
  }
}

function checkCounts(where: string, counts: Record<string, number>): void {
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${where}: ${name} must be a non-negative integer, got ${value}`);
  }
}

function checkFeatureDelta(d: WindowFeatureDelta): void {
  checkWindowBounds('feature', d);
  const where = `feature delta ${JSON.stringify(d.feature)} of ${JSON.stringify(d.modelId)}`;
  checkCounts(where, {
    count: d.count,
    missing: d.missing,
    typeErrors: d.typeErrors,
    outOfRangeLow: d.outOfRangeLow,
    outOfRangeHigh: d.outOfRangeHigh,
  });
}

function checkWindowDelta(d: WindowDelta): void {
  checkWindowBounds('window', d);
  checkCounts(`window delta of ${JSON.stringify(d.modelId)}`, { eventCount: d.eventCount, lateCount: d.lateCount });
}
