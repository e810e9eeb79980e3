/**
 * One schema step. `statements` gets the quoted database name and returns DDL that is
 * idempotent on its own (`IF NOT EXISTS`), so a crash between running a migration and
 * recording it is repaired by simply running it again.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  statements(db: string): readonly string[];
}
