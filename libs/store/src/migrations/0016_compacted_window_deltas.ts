import { DEFAULT_RETENTION_CONFIG } from '@driftwatch/config';
import { RETENTION_RULES } from '../retention/retention-ttl';
import type { Migration } from './migration';

/*
 * Window deltas compacted (issue "hardening", bounds): windows, window_features and
 * window_feature_kinds become AggregatingMergeTree tables, so the delta rows the aggregator adds
 * at every flush (about 70 per feature for a 60 s window flushed every second, plus late updates)
 * are summed by background merges into one row per sorting key: one per window, and one per
 * (window, feature, baseline). Reads still sum GROUP BY the key, since merges are eventual: the
 * answer is the same before and after a merge (or OPTIMIZE … FINAL).
 *
 * Every summed column is a SimpleAggregateFunction (sum, min, max, sumMap), stored and read as
 * the plain value, except the bin arrays: SimpleAggregateFunction has no sumForEach, so they are
 * AggregateFunction(sumForEach, Array(UInt64)) states (`bins_sum`, `fine_bins_sum`), read with
 * sumForEachMerge. A writer inserts plain arrays into the EPHEMERAL columns `bins_delta` and
 * `fine_bins_delta` (named in the insert's column list), from which the state is computed;
 * `bins` and `fine_bins` are ALIAS columns that read a row's arrays back. `windows.deltas`
 * (default 1 per inserted row) keeps the number of delta rows behind a window, which merges
 * would otherwise lose.
 *
 * The key ends with window_end (a window's end is fixed by its start, but the reads group by both).
 * Insert deduplication works per inserted block whatever the MergeTree engine, so the flush
 * tokens keep retries exactly once.
 *
 * ClickHouse cannot change a table's engine in place: each table is copied into a new one, which
 * then takes its place by EXCHANGE (atomic) and the old one is dropped. The copy reads columns
 * both the old and the new layout have (`bins` is an alias in the new one, `deltas` is added to
 * the old one first), so a re-run after the migration completed copies the compacted table into
 * a fresh one with the same sums; a re-run after a crash drops the partial copy (or, after the
 * exchange, the old table) first. One process should migrate at a time (start one, then the rest).
 */
const windowTtl = (table: string): string => {
  const rule = RETENTION_RULES.find((r) => r.table === table);
  if (!rule) throw new Error(`migration 0016: no retention rule for table ${table}`);
  return rule.ttl(DEFAULT_RETENTION_CONFIG[rule.setting]);
};

const SETTINGS = 'SETTINGS non_replicated_deduplication_window = 10000';

const WINDOWS_COLUMNS = 'model_id, model_version, window_start, window_end, event_count, late_count, first_event_time, last_event_time, closed_at, deltas, inserted_at';
const FEATURE_KEY_COLUMNS = 'model_id, model_version, window_start, window_end, feature, baseline_id';
const FEATURE_SUM_COLUMNS = `count, missing, type_errors, categories, out_of_range_low, out_of_range_high, min, max, sum, sum_sq, inserted_at`;
const KINDS_COLUMNS = 'model_id, model_version, window_start, window_end, feature, baseline_id, in_baseline, kinds, inserted_at';

function rebuild(db: string, table: string, create: (name: string) => string, insertColumns: string, selectColumns: string): string[] {
  const copy = `${db}.${table}_0016`;
  return [
    `DROP TABLE IF EXISTS ${copy}`,
    create(copy),
    // No deduplication of the copy: two blocks of old rows may well be identical.
    `INSERT INTO ${copy} (${insertColumns}) SETTINGS insert_deduplicate = 0 SELECT ${selectColumns} FROM ${db}.${table}`,
    `EXCHANGE TABLES ${db}.${table} AND ${copy}`,
    `DROP TABLE ${copy}`,
  ];
}

export const compactedWindowDeltasMigration: Migration = {
  version: 16,
  name: 'compacted window deltas (AggregatingMergeTree)',
  statements: (db) => [
    `ALTER TABLE ${db}.windows ADD COLUMN IF NOT EXISTS deltas UInt64 DEFAULT 1`,
    ...rebuild(
      db,
      'windows',
      (name) => `CREATE TABLE ${name}
       (
         model_id         LowCardinality(String),
         model_version    LowCardinality(String),
         window_start     DateTime64(3, 'UTC'),
         window_end       DateTime64(3, 'UTC'),
         event_count      SimpleAggregateFunction(sum, UInt64),
         late_count       SimpleAggregateFunction(sum, UInt64),
         first_event_time SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
         last_event_time  SimpleAggregateFunction(max, Nullable(DateTime64(3, 'UTC'))),
         closed_at        SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
         deltas           SimpleAggregateFunction(sum, UInt64) DEFAULT 1,
         inserted_at      SimpleAggregateFunction(max, DateTime64(3, 'UTC')) DEFAULT now64(3)
       )
       ENGINE = AggregatingMergeTree
       PARTITION BY toYYYYMM(window_start)
       ORDER BY (model_id, model_version, window_start, window_end)
       TTL ${windowTtl('windows')}
       ${SETTINGS}`,
      WINDOWS_COLUMNS,
      WINDOWS_COLUMNS,
    ),
    ...rebuild(
      db,
      'window_features',
      (name) => `CREATE TABLE ${name}
       (
         model_id          LowCardinality(String),
         model_version     LowCardinality(String),
         window_start      DateTime64(3, 'UTC'),
         window_end        DateTime64(3, 'UTC'),
         feature           LowCardinality(String),
         baseline_id       LowCardinality(String),
         count             SimpleAggregateFunction(sum, UInt64),
         missing           SimpleAggregateFunction(sum, UInt64),
         type_errors       SimpleAggregateFunction(sum, UInt64),
         bins_delta        Array(UInt64) EPHEMERAL,
         fine_bins_delta   Array(UInt64) EPHEMERAL,
         bins_sum          AggregateFunction(sumForEach, Array(UInt64)) DEFAULT initializeAggregation('sumForEachState', bins_delta),
         fine_bins_sum     AggregateFunction(sumForEach, Array(UInt64)) DEFAULT initializeAggregation('sumForEachState', fine_bins_delta),
         bins              Array(UInt64) ALIAS finalizeAggregation(bins_sum),
         fine_bins         Array(UInt64) ALIAS finalizeAggregation(fine_bins_sum),
         categories        SimpleAggregateFunction(sumMap, Map(String, UInt64)),
         out_of_range_low  SimpleAggregateFunction(sum, UInt64),
         out_of_range_high SimpleAggregateFunction(sum, UInt64),
         min               SimpleAggregateFunction(min, Nullable(Float64)),
         max               SimpleAggregateFunction(max, Nullable(Float64)),
         sum               SimpleAggregateFunction(sum, Float64),
         sum_sq            SimpleAggregateFunction(sum, Float64),
         inserted_at       SimpleAggregateFunction(max, DateTime64(3, 'UTC')) DEFAULT now64(3)
       )
       ENGINE = AggregatingMergeTree
       PARTITION BY toYYYYMM(window_start)
       ORDER BY (model_id, model_version, window_start, feature, baseline_id, window_end)
       TTL ${windowTtl('window_features')}
       ${SETTINGS}`,
      `${FEATURE_KEY_COLUMNS}, bins_delta, fine_bins_delta, ${FEATURE_SUM_COLUMNS}`,
      `${FEATURE_KEY_COLUMNS}, bins, fine_bins, ${FEATURE_SUM_COLUMNS}`,
    ),
    ...rebuild(
      db,
      'window_feature_kinds',
      (name) => `CREATE TABLE ${name}
       (
         model_id      LowCardinality(String),
         model_version LowCardinality(String),
         window_start  DateTime64(3, 'UTC'),
         window_end    DateTime64(3, 'UTC'),
         feature       LowCardinality(String),
         baseline_id   LowCardinality(String),
         in_baseline   SimpleAggregateFunction(max, UInt8),
         kinds         SimpleAggregateFunction(sumMap, Map(String, UInt64)),
         inserted_at   SimpleAggregateFunction(max, DateTime64(3, 'UTC')) DEFAULT now64(3)
       )
       ENGINE = AggregatingMergeTree
       PARTITION BY toYYYYMM(window_start)
       ORDER BY (model_id, model_version, window_start, feature, baseline_id, window_end)
       TTL ${windowTtl('window_feature_kinds')}
       ${SETTINGS}`,
      KINDS_COLUMNS,
      KINDS_COLUMNS,
    ),
  ],
};
