import { collectModelReport, selfContainedHtml } from '@driftwatch/report-page';
import type { Command } from 'commander';
import { ApiClient, apiOption, resolveApiToken, resolveApiUrl, runApiCommand, tokenOption } from '../api-client';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { writeOutput } from '../write-output';
import { parseReportOptions, type RawReportOptions } from './report-options';

const HELP_AFTER = `
Writes the report page of one model (what the page at /models/<model> shows for the same range:
incidents with their evidence, the feature table, baseline vs current histograms, drift and
data quality over time, prediction drift, performance) as ONE self-contained HTML file: script,
styles, the chart library and the data inlined, so it opens from disk and can be shared.
Times: ISO-8601 (UTC unless a zone is given) or epoch milliseconds; default the last 24 hours.

Example:
  driftwatch report --model credit-risk --from 2026-11-30 --to 2026-12-01 -o report.html`;

export function registerReportCommand(program: Command, io: CliIo): Command {
  return program
    .command('report')
    .description("write a model's report page as one self-contained HTML file")
    .requiredOption('--model <model>', 'model id')
    .option('--from <time>', 'start of the range (default: 24 hours before --to)')
    .option('--to <time>', 'end of the range, exclusive (default: now)')
    .option('--model-version <version>', 'model version (default: the one with the newest window)')
    .option('-o, --output <file>', 'the HTML file to write (default: stdout)')
    .addOption(apiOption())
    .addOption(tokenOption())
    .addHelpText('after', HELP_AFTER)
    .action(async (raw: RawReportOptions) => {
      io.setExitCode(await reportAction(raw, io));
    });
}

export function reportAction(raw: RawReportOptions, io: CliIo): Promise<number> {
  return runApiCommand(io, async () => {
    const options = parseReportOptions(raw);
    const client = new ApiClient(resolveApiUrl(raw.api), 120_000, resolveApiToken(raw.token));
    let data;
    try {
      data = await collectModelReport((path) => client.get(path), options);
    } catch (err) {
      if (err instanceof Error && err.name === 'ModelNotFound') throw new CliError(err.message);
      throw err;
    }
    const html = selfContainedHtml(data, `Driftwatch: ${options.model}`);
    if (options.output === undefined) io.stdout(html);
    else {
      writeOutput(options.output, html);
      io.stderr(`driftwatch: wrote ${options.output} (${Math.round(html.length / 1024)} KiB)\n`);
    }
  });
}
