import type { ChdbExtension } from 'chdb/dist/connection/extension';
import type { ClickHouseHttpRequest } from './clickhouse-http-request.util';

/** What a statement returned: its output in the requested format and ClickHouse's summary counters. */
export interface ExecutionResult {
  output: Buffer;
  summary: Record<string, string>;
}

/** The engine as the executor needs it: chdb's connection exposes it as `connection.chdb`. */
export type EngineSession = Pick<ChdbExtension, 'queryAsync'>;

/**
 * Runs HTTP requests on one embedded-engine session, one at a time. The engine applies
 * `SET` (settings, `param_*` values, `USE`) to the session, which outlives the statement, so
 * each request's settings are sent with its statement in one call and settings an earlier
 * request changed are put back to `DEFAULT` first: an `insert_deduplication_token` given to one
 * insert must never apply to the next, which would be dropped as a duplicate. Serialising is
 * also what chdb does for parameterised queries (its parameter state is process-wide).
 */
export class EmbeddedSqlExecutor {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly changed = new Set<string>();
  private pending = 0;

  private constructor(
    private readonly session: EngineSession,
    private readonly knownSettings: ReadonlySet<string>,
    readonly version: string,
  ) {}

  /** Reads the engine's version and the names of its settings. */
  static async open(session: EngineSession): Promise<EmbeddedSqlExecutor> {
    const rows = async (sql: string) => (await session.queryAsync(sql, { format: 'JSONCompactEachRow' })).text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown[]);
    const [[version]] = await rows('SELECT version()');
    const settings = new Set((await rows('SELECT name FROM system.settings')).map(([n]) => String(n)));
    return new EmbeddedSqlExecutor(session, settings, String(version));
  }

  /** Statements queued or running. */
  get inFlight(): number {
    return this.pending;
  }

  execute(request: ClickHouseHttpRequest): Promise<ExecutionResult> {
    this.pending++;
    const run = this.tail.then(() => this.run(request));
    this.tail = run.catch(() => undefined);
    return run.finally(() => this.pending--);
  }

  /** Resolves once every statement accepted so far has finished. */
  async drain(): Promise<void> {
    await this.tail;
  }

  private async run(request: ClickHouseHttpRequest): Promise<ExecutionResult> {
    const isInsert = /^\s*INSERT\b/i.test(request.sql);
    if (request.emptyInsert) return { output: Buffer.alloc(0), summary: summary(0, 0, 0, true) };
    // An unknown database fails here with the engine's UNKNOWN_DATABASE, as on a server.
    const statements = [`USE ${request.database ?? 'default'}`];
    for (const name of Object.keys(request.settings)) {
      if (!this.knownSettings.has(name)) throw unknownSetting(name);
    }
    for (const name of this.changed) {
      if (!(name in request.settings)) statements.push(`SET ${name} = DEFAULT`);
    }
    for (const [name, value] of Object.entries(request.settings)) {
      this.changed.add(name);
      statements.push(`SET ${name} = ${sqlString(value)}`);
    }
    for (const [name, value] of Object.entries(request.params)) statements.push(`SET param_${name} = ${sqlString(value)}`);
    statements.push(request.sql);

    const result = await this.session.queryAsync(statements.join(';\n'), { format: request.format });
    return {
      output: Buffer.from(result.bytes()),
      summary: summary(result.rowsRead, result.bytesRead, result.elapsed, isInsert),
    };
  }
}

/** A ClickHouse string literal holding `value` exactly. */
function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function unknownSetting(name: string): Error {
  // The engine's own code and name, so the client sees what a server would say.
  return new Error(`Code: 115. DB::Exception: Unknown setting '${name}'. (UNKNOWN_SETTING)`);
}

function summary(rows: number, bytes: number, elapsedSeconds: number, written: boolean): Record<string, string> {
  const r = String(rows ?? 0);
  const b = String(bytes ?? 0);
  return {
    read_rows: r,
    read_bytes: b,
    written_rows: written ? r : '0',
    written_bytes: written ? b : '0',
    total_rows_to_read: '0',
    result_rows: written ? '0' : r,
    result_bytes: written ? '0' : b,
    elapsed_ns: String(Math.max(0, Math.round((elapsedSeconds ?? 0) * 1e9))),
  };
}
