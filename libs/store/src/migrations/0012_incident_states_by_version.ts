import type { Migration } from './migration';

/*
 * incident_states per model version (issue "a streaming judge users can trust"): the alerter
 * keeps one state per (model, version, granularity), so two versions live together (a canary)
 * are judged apart. The version joins the ReplacingMergeTree key, or the rows of v7 and v8 would
 * collapse into one.
 *
 * The rows stored before hold one state per model; they read back with model_version = '' (no
 * version is empty: the contracts reject an empty modelVersion). The alerter splits such a row
 * on first load into the versions of its open incidents (splitLegacyState) and writes those; the
 * old row stays, ignored as soon as a per-version row of the model exists.
 *
 * ClickHouse adds a column to the end of a sorting key in place, without rewriting parts, when
 * the column is added by the same ALTER (existing rows all hold the default, so their order
 * holds). Re-run after it was applied, the column exists and the key already ends with it,
 * which ClickHouse accepts as a no-op.
 */
export const incidentStatesByVersionMigration: Migration = {
  version: 12,
  name: 'incident states by model version',
  statements: (db) => [
    `ALTER TABLE ${db}.incident_states
       ADD COLUMN IF NOT EXISTS model_version String AFTER model_id,
       MODIFY ORDER BY (model_id, granularity, model_version)`,
  ],
};
