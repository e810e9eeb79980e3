import type { Migration } from './migration';

/*
 * predictions — each event's prediction, kept so labels arriving later can be joined to it
 * (issue "concept drift"). Written by the aggregator as part of a flush, with a deduplication
 * token derived from the flush's offset range like the window deltas: a replayed flush's
 * insert is dropped. One row per (model_id, event_id): the ReplacingMergeTree collapses a
 * producer's duplicate eventId, keeping the copy with the highest source_offset (same model,
 * same partition, since events are keyed by model id). Readers use FINAL, so a duplicate is
 * collapsed before the merge happens too (PredictionRepository).
 *
 * The prediction is stored in one of three explicit shapes (prediction_kind says which):
 * prediction_number, prediction_class, or prediction_probabilities (class → probability).
 *
 * No PARTITION BY: a duplicate eventId must collapse whatever its event time, and
 * ReplacingMergeTree only replaces within one partition. The TTL is a column (expires_at =
 * event time + DRIFTWATCH_PREDICTION_RETENTION_DAYS, set by the writer), so changing the
 * retention needs no migration; it applies to rows written from then on.
 */
export const predictionsMigration: Migration = {
  version: 7,
  name: 'predictions',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.predictions
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
       inserted_at              DateTime64(3, 'UTC') DEFAULT now64(3)
     )
     ENGINE = ReplacingMergeTree(source_offset)
     ORDER BY (model_id, event_id)
     TTL expires_at
     SETTINGS non_replicated_deduplication_window = 10000`,
  ],
};
