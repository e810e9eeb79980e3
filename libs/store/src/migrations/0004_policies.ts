import type { Migration } from './migration';

/*
 * policies — each model's policy document (the overrides of the defaults, as PUT through the
 *   API), one row per change: plain MergeTree ordered by (model_id, updated_at), so the history
 *   stays for audit and the current policy is the newest row (argMax on updated_at). The
 *   document is JSON text: its shape belongs to libs/evaluation and evolves without DDL.
 */
export const policiesMigration: Migration = {
  version: 4,
  name: 'model policies',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.policies
     (
       model_id    String,
       updated_at  DateTime64(3, 'UTC'),
       policy      String
     )
     ENGINE = MergeTree
     ORDER BY (model_id, updated_at)`,
  ],
};
