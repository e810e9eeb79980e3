import type { Migration } from './migration';

/*
 * ingest_flushes keeps the per-model event-time clocks of a partition before and after each
 * plan (issue "a streaming judge users can trust": watermarks per partition and model). JSON
 * arrays of { modelId, maxEventTime, lastOffset }; '' in plans stored before, which restore
 * the partition-wide max_event_time_* for the models with open windows instead.
 */
export const flushModelClocksMigration: Migration = {
  version: 13,
  name: 'per-model clocks in flush plans',
  statements: (db) => [
    `ALTER TABLE ${db}.ingest_flushes
       ADD COLUMN IF NOT EXISTS model_clocks_before String DEFAULT '',
       ADD COLUMN IF NOT EXISTS model_clocks_after String DEFAULT ''`,
  ],
};
