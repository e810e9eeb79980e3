import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ApiClient, resolveApiToken, resolveApiUrl } from '../api-client/api-client';
import { apiOption, runApiCommand, tokenOption } from '../api-client/api-command';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { addFormatOption, resolveOutputFormat } from '../output-format';
import type { PolicyView } from './policy-view';
import { renderPolicy } from './render-policy';

const SET_HELP = `
The file holds the overrides of the default policy, any subset of it, e.g.
  {"minWindowEvents": 200,
   "drift": {"numeric": {"method": "psi", "threshold": 0.1, "critical": 0.25}},
   "missing": {"increase": 0.1},
   "features": {"income": {"importance": 0.5}, "zip": {"ignore": true}}}
It replaces the stored policy as a whole; --reset goes back to the defaults. \`policy show\`
prints the effective policy with every default. The API names every invalid field.

Exit codes: 0 stored; 2 bad usage, unreadable file or rejected by the API; 3 the API is not
reachable. The API is --api, else DRIFTWATCH_API, else http://127.0.0.1:8080;
its token (when it has DRIFTWATCH_API_TOKENS) is --token, else DRIFTWATCH_TOKEN.`;

// A policy write keeps the 30 s limit it had before ApiClient could PUT (the client's default is 120 s).
const SET_TIMEOUT_MS = 30_000;

interface RawOptions {
  model: string;
  file?: string;
  reset?: boolean;
  api?: string;
  token?: string;
  format?: string;
}

/** `driftwatch policy show|set`: a model's drift policy on a running Driftwatch. */
export function registerPolicyCommand(program: Command, io: CliIo): Command {
  const policy = program.command('policy').description("show or set a model's drift policy (thresholds, severities, silence, hysteresis)");

  const show = policy
    .command('show')
    .description("show a model's effective policy and its stored overrides")
    .requiredOption('--model <id>', 'model id')
    .addOption(apiOption())
    .addOption(tokenOption());
  addFormatOption(show);
  show.action(async (raw: RawOptions) =>
    io.setExitCode(
      await runApiCommand(io, async () => {
        const format = resolveOutputFormat(raw.format, io.stdoutIsTTY);
        const view = await new ApiClient(resolveApiUrl(raw.api), undefined, resolveApiToken(raw.token)).get<PolicyView>(policyPath(raw.model));
        print(io, view, format);
      }),
    ),
  );

  const set = policy
    .command('set')
    .description("replace a model's policy with the overrides in a JSON file")
    .requiredOption('--model <id>', 'model id')
    .option('--file <path>', 'JSON file with the overrides ("-": standard input)')
    .option('--reset', 'store an empty policy: the defaults apply')
    .addOption(apiOption())
    .addOption(tokenOption())
    .addHelpText('after', SET_HELP);
  addFormatOption(set);
  set.action(async (raw: RawOptions) =>
    io.setExitCode(
      await runApiCommand(io, async () => {
        const format = resolveOutputFormat(raw.format, io.stdoutIsTTY);
        if ((raw.file === undefined) === (raw.reset !== true)) throw new CliError('give either --file policy.json or --reset');
        const body = raw.reset ? {} : readPolicyFile(raw.file as string);
        const view = await new ApiClient(resolveApiUrl(raw.api), SET_TIMEOUT_MS, resolveApiToken(raw.token)).put<PolicyView>(policyPath(raw.model), body);
        print(io, view, format);
      }),
    ),
  );
  return policy;
}

function policyPath(model: string): string {
  return `/api/models/${encodeURIComponent(model)}/policy`;
}

function print(io: CliIo, view: PolicyView, format: 'table' | 'json'): void {
  for (const w of view.warnings) io.stderr(`driftwatch: warning: ${w}\n`);
  io.stdout(format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : renderPolicy(view));
}

function readPolicyFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`--file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}
