import type { Migration } from './migration';

const COLUMNS = `model_id, event_id, model_version, event_time, window_start, window_end, prediction_kind,
  prediction_number, prediction_class, prediction_probabilities, source_offset, expires_at, inserted_at`;

/*
 * predictions, re-keyed for the join (issue "concept drift"). 0007 sorted the table by
 * (model_id, event_id) only, so reading one window's predictions, which the performance loop does
 * for every window it judges, scanned all of the model's rows (about 8,000 labels joined per
 * second over 1M predictions, `npm run bench:join`). Sorted by (model_id, model_version,
 * window_start, event_id) a window is one primary-key range, and two skip indexes keep the
 * other reads cheap: a bloom filter on event_id for the look-ups by event ids (labels that
 * arrived, PredictionRepository.byEventIds) and a minmax on inserted_at for "predictions stored
 * since the last tick" (rows of one window are stored together, so after merges a granule's
 * inserted_at range stays narrow).
 *
 * Duplicates still collapse: a producer's retry carries the same event, hence the same version
 * and event time and the same window, so the ReplacingMergeTree key (the sorting key) still holds
 * one row per eventId. Partitioned by the window's month: a duplicate lands in the same partition
 * (ReplacingMergeTree collapses only within one), old months leave whole with the TTL.
 *
 * ClickHouse cannot change a sorting key in place: the rows are copied into a new table that then
 * takes the old one's name.
 */
export const predictionsByWindowMigration: Migration = {
  version: 11,
  name: 'predictions by window',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.predictions_by_window
     (
       model_id                 LowCardinality(String),
       event_id                 String,
       model_version            LowCardinality(String),
       event_time               DateTime64(3, 'UTC'),
       window_start             DateTime64(3, 'UTC'),
       window_end               DateTime64(3, 'UTC'),
       prediction_kind          LowCardinality(String),
       prediction_number        Nullable(Float64),
       prediction_class         Nullable(String),
       prediction_probabilities Map(String, Float64),
       source_offset            UInt64,
       expires_at               DateTime('UTC'),
       inserted_at              DateTime64(3, 'UTC') DEFAULT now64(3),
       INDEX event_id_bloom event_id TYPE bloom_filter(0.01) GRANULARITY 4,
       INDEX inserted_at_minmax inserted_at TYPE minmax GRANULARITY 1
     )
     ENGINE = ReplacingMergeTree(source_offset)
     PARTITION BY toYYYYMM(window_start)
     ORDER BY (model_id, model_version, window_start, event_id)
     TTL expires_at
     SETTINGS non_replicated_deduplication_window = 10000`,
    `INSERT INTO ${db}.predictions_by_window (${COLUMNS}) SELECT ${COLUMNS} FROM ${db}.predictions`,
    `RENAME TABLE ${db}.predictions TO ${db}.predictions_0007, ${db}.predictions_by_window TO ${db}.predictions`,
    `DROP TABLE ${db}.predictions_0007`,
  ],
};
