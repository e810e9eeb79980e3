import type { StoreClient } from './store-client';

/** The ClickHouse server could not be reached (refused, reset, timed out): the store is down, not the statement wrong. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';

  /** The input is not at fault: consumers retry it without limit and never dead-letter for it. */
  readonly transient = true;

  constructor(
    readonly url: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`ClickHouse at ${url} is unreachable (${reason})`, options);
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

function isNetworkError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined && NETWORK_CODES.has(code)) || /socket hang up|Timeout error/i.test(error.message);
}

/**
 * Makes the server client's network failures say what failed: the client throws Node's bare
 * `connect ECONNREFUSED 127.0.0.1:8123`, which a service log repeats without naming ClickHouse.
 */
export function nameUnreachableServer(client: StoreClient['client'], url: string): void {
  for (const method of ['query', 'insert', 'command', 'exec'] as const) {
    const original = (client[method] as (...args: unknown[]) => Promise<unknown>).bind(client);
    (client as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      try {
        return await original(...args);
      } catch (error) {
        if (isNetworkError(error)) throw new StoreUnavailableError(url, error.message, { cause: error });
        throw error;
      }
    };
  }
}
