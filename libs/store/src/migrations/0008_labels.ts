import type { Migration } from './migration';

/*
 * labels — ground truth from inference-labels (the aggregator's label consumer), one row per
 * (model_id, event_id) once collapsed. Joined to predictions later, so a label for an event
 * never seen, or seen later, is stored all the same.
 *
 * Which label wins when one arrives twice for an event: the one with the latest label
 * timestamp (`label_time`, when the label became known: a correction is a newer label); on
 * equal timestamps the one stored last (received order). ReplacingMergeTree(label_time) keeps
 * exactly that row at merges (equal versions: the last inserted row), and readers use FINAL so
 * the rule holds before merges too. LabelRepository.save collapses duplicates inside one insert
 * the same way, so "last inserted" never depends on the order of rows within a block.
 *
 * No PARTITION BY: ReplacingMergeTree collapses only within a partition, and the key of a label
 * (model, event) must stay in one. Retention: `expires_at` is set by the writer to received_at
 * + DRIFTWATCH_LABEL_RETENTION_DAYS (default 90), so a changed setting applies to labels
 * received from then on. The insert token (LabelRepository.save's dedupToken) drops a batch
 * written again after a crash; the table keeps the last 10,000 tokens.
 */
export const labelsMigration: Migration = {
  version: 8,
  name: 'labels',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.labels
     (
       model_id     String,
       event_id     String,
       label_kind   LowCardinality(String),
       label_value  String,
       label_time   DateTime64(3, 'UTC'),
       received_at  DateTime64(3, 'UTC'),
       expires_at   DateTime('UTC')
     )
     ENGINE = ReplacingMergeTree(label_time)
     ORDER BY (model_id, event_id)
     TTL expires_at
     SETTINGS non_replicated_deduplication_window = 10000`,
  ],
};
