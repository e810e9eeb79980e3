import type { Migration } from './migration';

/*
 * performance_windows — a model version's performance per window and per rollup bucket: the
 * labelled predictions of the window joined and measured (PerformanceRepository.labelledPredictions),
 * the watched metric against the baseline's, and whether it could be judged. Recomputed by the
 * evaluator whenever labels arrive for the window, also after the window was judged, so the row
 * is always the window's latest state. One row per (model, version, granularity, window start)
 * once collapsed: ReplacingMergeTree(computed_at), read with FINAL, so a recompute replaces the
 * row before merges too. `metrics` is every metric of the window as JSON text (a metric may be
 * null, e.g. ROC AUC with one class, which a Map of Float64 cannot say). Partitioned by month
 * like drift_results; the interval is flattened into nullable columns (null: no interval).
 *
 * performance_cursors — how far the evaluator has judged each model version and granularity
 * (`judged_through`: start of the last window or bucket whose evaluation was delivered), the
 * state of the streaming detectors at that point (JSON, DetectorBank.toJSON), and
 * `touched_through`: the insert/receive time up to which windows touched by new predictions and
 * labels were recomputed. Written after delivery, so a crash repeats an evaluation (same id, the
 * alerter drops it) rather than losing one. ReplacingMergeTree(updated_at), read with FINAL.
 */
export const performanceMigration: Migration = {
  version: 9,
  name: 'performance',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.performance_windows
     (
       model_id             LowCardinality(String),
       model_version        LowCardinality(String),
       granularity          LowCardinality(String),
       window_start         DateTime64(3, 'UTC'),
       window_end           DateTime64(3, 'UTC'),
       predicted            UInt64,
       labelled             UInt64,
       coverage             Float64,
       task                 LowCardinality(String),
       metric               LowCardinality(String),
       value                Nullable(Float64),
       baseline_value       Nullable(Float64),
       interval_low         Nullable(Float64),
       interval_high        Nullable(Float64),
       interval_confidence  Nullable(Float64),
       interval_method      Nullable(String),
       judged               UInt8,
       reason               String,
       metrics              String,
       computed_at          DateTime64(3, 'UTC')
     )
     ENGINE = ReplacingMergeTree(computed_at)
     PARTITION BY toYYYYMM(window_start)
     ORDER BY (model_id, model_version, granularity, window_start)`,
    `CREATE TABLE IF NOT EXISTS ${db}.performance_cursors
     (
       model_id         LowCardinality(String),
       model_version    LowCardinality(String),
       granularity      LowCardinality(String),
       judged_through   Nullable(DateTime64(3, 'UTC')),
       touched_through  DateTime64(3, 'UTC'),
       detector_state   String,
       updated_at       DateTime64(3, 'UTC')
     )
     ENGINE = ReplacingMergeTree(updated_at)
     ORDER BY (model_id, model_version, granularity)`,
  ],
};
