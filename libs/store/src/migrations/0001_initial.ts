import type { Migration } from './migration';

/*
 * Schema design (issue 3: baselines and per-window histograms).
 *
 * baselines — one row per (baseline, feature). A baseline is written as a single INSERT,
 *   i.e. one block, which MergeTree makes visible atomically, so a reader never sees half a
 *   baseline. The newest `created_at` (ties: greatest baseline_id) per (model_id,
 *   model_version) is the active baseline; older ones stay for windows that still refer to
 *   them. ReplacingMergeTree on the full key makes a retried save harmless (reads use FINAL).
 *   Numeric features: `edges` are the interior quantile edges of docs/architecture.md
 *   (bin = searchsorted(edges, x, side="right"), so bin_counts has edges+1 entries);
 *   `fine_edges`/`fine_counts` optionally hold a finer grid for KS/Wasserstein in streaming.
 *   Categorical and boolean features ("true"/"false"): `categories` holds the counts.
 *   `count` counts non-missing values; `std` is the population std (numpy's default).
 *
 * window_features — per-window, per-feature histograms stored as ADDITIVE DELTAS. Every
 *   write adds a row; a window's histogram is the sum of its rows (sum, sumForEach for the
 *   bin arrays, sumMap for category maps, min/max), GROUP BY the key. So late events simply
 *   add a delta to their window, several aggregator instances may write to one window, and
 *   minute windows roll up into hours or days by the same sums over a coarser bucket.
 *   `baseline_id` is part of the key because bins only add up against the same edges.
 *   `count` = values of the expected type that were binned; `missing` = null or absent;
 *   `type_errors` = present with the wrong type; `categories` holds every category seen,
 *   unseen-in-baseline ones included (evaluators compare against the baseline's keys).
 *
 * windows — per-window delta rows of the event counts and event-time bounds, summed the
 *   same way; `closed_at` is the first close (min over deltas).
 *
 * Idempotent writes: both delta tables are plain MergeTree with
 *   `non_replicated_deduplication_window`, and every insert carries a deterministic
 *   `insert_deduplication_token`, so a retried insert (after a crash, before the Kafka offsets
 *   were committed) is dropped by ClickHouse. A ReplacingMergeTree cannot do this for deltas:
 *   two genuine deltas of one window share the whole sorting key, and FINAL would collapse
 *   them. The window of remembered tokens is the last 10,000 inserted blocks per table.
 *   Caveat: with this setting an insert WITHOUT a token is deduplicated by a hash of its data,
 *   so never insert into these tables without a token.
 *
 * Partitioned by month of window_start to keep parts few; no TTL yet (retention is a later
 * policy decision). drift_results, policies and incidents come with issue 4.
 */
export const initialMigration: Migration = {
  version: 1,
  name: 'baselines and window histograms',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.baselines
     (
       model_id      LowCardinality(String),
       model_version LowCardinality(String),
       baseline_id   String,
       created_at    DateTime64(3, 'UTC'),
       row_count     UInt64,
       source        String,
       position      UInt32,
       feature       String,
       kind          LowCardinality(String),
       edges         Array(Float64),
       bin_counts    Array(UInt64),
       fine_edges    Array(Float64),
       fine_counts   Array(UInt64),
       categories    Map(String, UInt64),
       count         UInt64,
       missing       UInt64,
       min           Nullable(Float64),
       max           Nullable(Float64),
       mean          Nullable(Float64),
       std           Nullable(Float64),
       median        Nullable(Float64),
       importance    Nullable(Float64)
     )
     ENGINE = ReplacingMergeTree
     ORDER BY (model_id, model_version, baseline_id, feature)`,
    `CREATE TABLE IF NOT EXISTS ${db}.window_features
     (
       model_id          LowCardinality(String),
       model_version     LowCardinality(String),
       window_start      DateTime64(3, 'UTC'),
       window_end        DateTime64(3, 'UTC'),
       feature           LowCardinality(String),
       baseline_id       LowCardinality(String),
       count             UInt64,
       missing           UInt64,
       type_errors       UInt64,
       bins              Array(UInt64),
       fine_bins         Array(UInt64),
       categories        Map(String, UInt64),
       out_of_range_low  UInt64,
       out_of_range_high UInt64,
       min               Nullable(Float64),
       max               Nullable(Float64),
       sum               Float64,
       sum_sq            Float64,
       inserted_at       DateTime64(3, 'UTC') DEFAULT now64(3)
     )
     ENGINE = MergeTree
     PARTITION BY toYYYYMM(window_start)
     ORDER BY (model_id, model_version, window_start, feature, baseline_id)
     SETTINGS non_replicated_deduplication_window = 10000`,
    `CREATE TABLE IF NOT EXISTS ${db}.windows
     (
       model_id         LowCardinality(String),
       model_version    LowCardinality(String),
       window_start     DateTime64(3, 'UTC'),
       window_end       DateTime64(3, 'UTC'),
       event_count      UInt64,
       late_count       UInt64,
       first_event_time Nullable(DateTime64(3, 'UTC')),
       last_event_time  Nullable(DateTime64(3, 'UTC')),
       closed_at        Nullable(DateTime64(3, 'UTC')),
       inserted_at      DateTime64(3, 'UTC') DEFAULT now64(3)
     )
     ENGINE = MergeTree
     PARTITION BY toYYYYMM(window_start)
     ORDER BY (model_id, model_version, window_start)
     SETTINGS non_replicated_deduplication_window = 10000`,
  ],
};
