import type { Migration } from './migration';

/*
 * baseline_performance — the model's own performance on a baseline's rows (Baseline.performance:
 * `baseline create --target-column`, or `--from-windows` over labelled predictions), one row per
 * (model_id, baseline_id) once collapsed, the PerformanceSnapshot as JSON text.
 *
 * A table beside `baselines` rather than columns on it: the baselines table has one row per
 * feature, and the snapshot belongs to the baseline as a whole. BaselineRepository.save writes
 * this row before the feature rows, so by the time a baseline is visible (its feature rows
 * landed in one block) its performance is there too. Every save writes a row, an empty
 * `snapshot` meaning "no performance": a baseline saved again under the same id without labels
 * must not keep the performance of the earlier save. ReplacingMergeTree(written_at) keeps the
 * latest save; readers use FINAL so that holds before merges too.
 */
export const baselinePerformanceMigration: Migration = {
  version: 10,
  name: 'baseline performance',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.baseline_performance
     (
       model_id    LowCardinality(String),
       baseline_id String,
       snapshot    String,
       written_at  DateTime64(3, 'UTC')
     )
     ENGINE = ReplacingMergeTree(written_at)
     ORDER BY (model_id, baseline_id)`,
  ],
};
