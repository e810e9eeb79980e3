import type { ClickHouseClient } from '@clickhouse/client';

export type StoreMode = 'embedded' | 'server';

export type PingOutcome = { ok: true } | { ok: false; error: string };

/** A ClickHouse client bound to Driftwatch's database, the same for both modes. */
export interface StoreClient {
  /** The @clickhouse/client instance. See `insertRows` before inserting through it directly. */
  readonly client: ClickHouseClient;
  readonly mode: StoreMode;
  readonly database: string;
  /** Where the data lives, safe to log: the embedded directory or the server URL without credentials. */
  readonly location: string;
  /** `database`.`table`, quoted. */
  table(name: string): string;
  /** Runs `SELECT 1` (also checks credentials on a server); never throws. */
  ping(): Promise<PingOutcome>;
  close(): Promise<void>;
}
