import type { Migration } from './migration';

/*
 * event_samples — raw events kept for models without a baseline, so that one can be created
 * from production data. Features and prediction are stored as JSON text (read back with
 * JSONExtract* when a baseline is computed in SQL), which keeps the table independent of
 * each model's schema. The writer bounds the volume (a fixed number per model and window);
 * the TTL bounds the age. ReplacingMergeTree on event_id absorbs replays that carry a
 * different token, e.g. after a rebalance.
 */
export const eventSamplesMigration: Migration = {
  version: 2,
  name: 'event samples',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.event_samples
     (
       model_id      LowCardinality(String),
       model_version LowCardinality(String),
       event_time    DateTime64(3, 'UTC'),
       event_id      String,
       features      String,
       prediction    String,
       inserted_at   DateTime64(3, 'UTC') DEFAULT now64(3)
     )
     ENGINE = ReplacingMergeTree
     PARTITION BY toYYYYMM(event_time)
     ORDER BY (model_id, model_version, event_time, event_id)
     TTL toDateTime(inserted_at) + INTERVAL 30 DAY
     SETTINGS non_replicated_deduplication_window = 10000`,
  ],
};
