/** The embedded data directory is held by another process (the engine locks `<dir>/status`). */
export class EmbeddedStoreLockedError extends Error {
  override readonly name = 'EmbeddedStoreLockedError';

  readonly pid?: number;

  constructor(
    readonly directory: string,
    options?: { cause?: unknown; pid?: number },
  ) {
    super(
      `The embedded ClickHouse data directory ${directory} is already in use by another process` +
        `${options?.pid ? ` (pid ${options.pid})` : ''}; ` +
        'only one process may open it. Stop that process, set DRIFTWATCH_DATA_DIR to another directory, ' +
        'or set CLICKHOUSE_URL to use a ClickHouse server.',
      { cause: options?.cause },
    );
    this.pid = options?.pid;
  }
}

/** The embedded engine could not be opened for another reason (e.g. a second directory in one process). */
export class EmbeddedStoreOpenError extends Error {
  override readonly name = 'EmbeddedStoreOpenError';

  constructor(
    readonly directory: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Cannot open the embedded ClickHouse data directory ${directory}: ${reason}`, options);
  }
}
