import type { Migration } from './migration';

/*
 * ingest_flushes — the aggregator's flush plans: one row per (consumer group, topic,
 * partition, offset range) it is about to write, inserted BEFORE the data of that range.
 * After a crash, the last plan of a partition tells a restarted consumer where the previous
 * run drew its last flush boundary, so the replay writes exactly the same ranges with the same
 * deduplication tokens (see apps/aggregator/README.md, "The exactly-once flush protocol"). The window state
 * (max event time, open windows as JSON) before and after the range is kept so the replay
 * classifies on-time and late events as the first run did. Plans are only read back for the
 * newest range of a partition, so old ones expire. The sorting key holds both ends of the
 * range: a plan abandoned by a member that lost the partition can end where a later plan of
 * the new owner ends, and a merge must not collapse the two.
 *
 * window_feature_kinds — JSON value kinds (number, string, boolean, other) seen per window and
 *   feature where the baseline cannot account for them: every value of a feature the baseline
 *   does not have (in_baseline = 0; all features of a model without a baseline), and the
 *   wrong-typed values of a baseline feature (its type errors). Additive deltas with insert
 *   deduplication tokens, like window_features.
 */
export const ingestFlushesMigration: Migration = {
  version: 3,
  name: 'ingest flush plans and feature value kinds',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.ingest_flushes
     (
       consumer_group          String,
       topic                   String,
       partition               UInt32,
       from_offset             UInt64,
       to_offset               UInt64,
       max_event_time_before   Nullable(Int64),
       max_event_time_after    Nullable(Int64),
       open_windows_before     String,
       open_windows_after      String,
       planned_at              DateTime64(3, 'UTC')
     )
     ENGINE = ReplacingMergeTree
     ORDER BY (consumer_group, topic, partition, from_offset, to_offset)
     TTL toDateTime(planned_at) + INTERVAL 30 DAY
     SETTINGS non_replicated_deduplication_window = 10000`,
    `CREATE TABLE IF NOT EXISTS ${db}.window_feature_kinds
     (
       model_id      LowCardinality(String),
       model_version LowCardinality(String),
       window_start  DateTime64(3, 'UTC'),
       window_end    DateTime64(3, 'UTC'),
       feature       LowCardinality(String),
       baseline_id   LowCardinality(String),
       in_baseline   UInt8,
       kinds         Map(String, UInt64),
       inserted_at   DateTime64(3, 'UTC') DEFAULT now64(3)
     )
     ENGINE = MergeTree
     PARTITION BY toYYYYMM(window_start)
     ORDER BY (model_id, model_version, window_start, feature, baseline_id)
     SETTINGS non_replicated_deduplication_window = 10000`,
  ],
};
