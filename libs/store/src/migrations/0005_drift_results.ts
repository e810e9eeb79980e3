import type { Migration } from './migration';

/*
 * drift_results — one row per evaluation (a window, a rollup bucket or a silent window slot):
 *   the summary columns the drift history filters and charts on, and the whole
 *   EvaluationMessage as JSON text (features, metrics, findings with their evidence).
 *   Idempotent: the evaluation id is deterministic in what was judged and ends the sorting key,
 *   so evaluating a window again replaces its row (ReplacingMergeTree, newest evaluated_at wins;
 *   reads use FINAL). Partitioned by month of window_start like the window tables.
 */
export const driftResultsMigration: Migration = {
  version: 5,
  name: 'drift results',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.drift_results
     (
       model_id          LowCardinality(String),
       model_version     LowCardinality(String),
       granularity       LowCardinality(String),
       window_start      DateTime64(3, 'UTC'),
       window_end        DateTime64(3, 'UTC'),
       evaluation_id     String,
       evaluated_at      DateTime64(3, 'UTC'),
       baseline_id       String,
       event_count       UInt64,
       judged            UInt8,
       drift_share       Float64,
       dataset_drift     UInt8,
       finding_count     UInt32,
       critical_count    UInt32,
       evaluation        String
     )
     ENGINE = ReplacingMergeTree(evaluated_at)
     PARTITION BY toYYYYMM(window_start)
     ORDER BY (model_id, model_version, granularity, window_start, evaluation_id)`,
  ],
};
