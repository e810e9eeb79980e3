import { Option, type Command } from 'commander';
import { CliError } from './cli-error';

export type OutputFormat = 'table' | 'json';

/** Adds the `--format table|json` option every driftwatch command takes. */
export function addFormatOption(command: Command): Command {
  return command.addOption(
    new Option('--format <format>', 'output format: table (default on a terminal) or json (default otherwise)').choices([
      'table',
      'json',
    ]),
  );
}

/** The requested format, else table on a terminal and json when stdout is a pipe or file. */
export function resolveOutputFormat(requested: string | undefined, stdoutIsTTY: boolean): OutputFormat {
  if (requested === undefined) return stdoutIsTTY ? 'table' : 'json';
  if (requested !== 'table' && requested !== 'json') throw new CliError(`unknown --format ${JSON.stringify(requested)} (use table or json)`);
  return requested;
}
