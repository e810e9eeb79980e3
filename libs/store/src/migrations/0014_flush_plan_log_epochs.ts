import type { Migration } from './migration';

/*
 * ingest_flushes.log_epoch: how many times the aggregator found the partition's log replaced
 * (the events topic deleted and created again, or the broker's data wiped while ClickHouse's
 * was kept) before it recorded the plan. The new log's offsets start at 0 again: plans of the
 * newest epoch come first when the last plan is looked up, and the epoch is part of a plan's
 * insert deduplication token from epoch 1 on, so a write of the new log is never dropped as a
 * repeat of the old log's same offsets. 0 for every plan written before.
 */
export const flushPlanLogEpochsMigration: Migration = {
  version: 14,
  name: 'log epochs of flush plans (topic recreation)',
  statements: (db) => [`ALTER TABLE ${db}.ingest_flushes ADD COLUMN IF NOT EXISTS log_epoch UInt32 DEFAULT 0`],
};
