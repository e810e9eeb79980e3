import { Option } from 'commander';
import { CliError, EXIT_OK, EXIT_USAGE, oneLine } from '../cli-error';
import type { CliIo } from '../cli-io';
import { ApiRejectedError, ApiTokenError, ApiUnavailableError, ApiUrlError, EXIT_API_UNAVAILABLE } from './api-client';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The `--api <url>` option of every command that talks to a running Driftwatch. */
export function apiOption(): Option {
  return new Option('--api <url>', 'Driftwatch API (default: DRIFTWATCH_API, else http://127.0.0.1:8080)');
}

/** The `--token <token>` option, beside every `--api`. */
export function tokenOption(): Option {
  return new Option('--token <token>', 'API bearer token (default: DRIFTWATCH_TOKEN, which other local users cannot see in the process list)');
}

/**
 * Runs a subcommand that talks to the API; returns its exit code. Expected failures print one
 * `driftwatch: …` line: API unreachable or failing (3), API refusal (a 401/403 names --token and
 * DRIFTWATCH_TOKEN), `CliError`, a bad --api URL or --token
 * or one of the command's own `usageErrors` (2). Anything else is a bug and is rethrown.
 */
export async function runApiCommand(io: CliIo, action: () => Promise<void>, usageErrors: readonly ErrorClass[] = []): Promise<number> {
  try {
    await action();
    return EXIT_OK;
  } catch (err) {
    if (err instanceof ApiUnavailableError) {
      io.stderr(`driftwatch: ${oneLine(err.message)}\n`);
      return EXIT_API_UNAVAILABLE;
    }
    if (err instanceof ApiRejectedError) {
      io.stderr(`driftwatch: the API refused the request (${err.status}): ${oneLine(err.message)}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof CliError || err instanceof ApiUrlError || err instanceof ApiTokenError || usageErrors.some((type) => err instanceof type)) {
      io.stderr(`driftwatch: ${oneLine((err as Error).message)}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}
