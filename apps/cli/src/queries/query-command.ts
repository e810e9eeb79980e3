import type { Command } from 'commander';
import { apiOption, runApiCommand, tokenOption } from '../api-client/api-command';
import type { CliIo } from '../cli-io';
import { addFormatOption, resolveOutputFormat, type OutputFormat } from '../output-format';
import { QueryApi, type ApiOptions } from './query-api';

/** The end of every query's --help: where the API and its token come from, and the exit codes. */
export const QUERY_HELP_FOOTER = `
The API is --api, else DRIFTWATCH_API, else http://127.0.0.1:8080; its token (when it has
DRIFTWATCH_API_TOKENS) is --token, else DRIFTWATCH_TOKEN, of scope read. --format json prints
the API's answers (every page), table a summary that fits 80 columns (default on a terminal).

Exit codes: 0 answered; 2 bad usage, an unknown model, or the API refused (401/403: the token);
3 the API is not reachable or failed.`;

/** What every query takes besides its own options. */
export type QueryOptions = ApiOptions & { format?: string };

/** Adds --api, --token, --format and the help footer, and runs `action` with the client and the format. */
export function queryAction<O extends object>(
  command: Command,
  io: CliIo,
  action: (api: QueryApi, options: O & QueryOptions, format: OutputFormat) => Promise<string>,
  example: string,
): Command {
  command.addOption(apiOption()).addOption(tokenOption());
  addFormatOption(command);
  command.addHelpText('after', `${QUERY_HELP_FOOTER}\n\nExample:\n${example}`);
  return command.action(async (options: O & QueryOptions) =>
    io.setExitCode(
      await runApiCommand(io, async () => {
        const format = resolveOutputFormat(options.format, io.stdoutIsTTY);
        io.stdout(await action(QueryApi.from(options), options, format));
      }),
    ),
  );
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
