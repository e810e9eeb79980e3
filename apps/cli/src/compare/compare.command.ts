import { ThresholdSpecError } from '@driftwatch/stats';
import { TabularError } from '@driftwatch/tabular';
import { Option, type Command } from 'commander';
import { CliError, EXIT_DRIFT, EXIT_OK, EXIT_USAGE, oneLine } from '../cli-error';
import type { CliIo } from '../cli-io';
import { writeOutput } from '../write-output';
import { Progress } from '../progress';
import { collect, collectList, CORRECTION_CHOICES, parseCompareOptions, type RawCompareOptions } from './compare-options';
import { compareHtml } from './compare-html';
import { reportJson } from './compare-report';
import { renderTable } from './render-table';
import { runCompare } from './run-compare';

const HELP_AFTER = `
Inputs: CSV with a header row (.csv), JSON Lines (.jsonl, .ndjson, .json) or Parquet
(.parquet), optionally compressed (.gz, .zst, …). A column is numeric when every
non-missing reference value is a number; missing = empty, null, NULL, NA, NaN, N/A.

Default drift decision per feature: reference of <= 1000 rows: numeric KS p <= 0.05,
categorical chi-square p < 0.05; more rows: numeric normalised Wasserstein >= 0.1,
categorical Jensen-Shannon >= 0.1. Dataset drift when the share of drifted features
is >= --drift-share. --threshold feature:method=value switches a feature to another
method and threshold (methods: psi, jensenShannon, kullbackLeibler, hellinger,
totalVariation, wasserstein, energy, ks, andersonDarling, cramerVonMises, mannWhitney,
chiSquare, twoProportionZ; p-value methods signal drift below the value, distances at
or above it); feature * applies to every feature the method fits.

Output: a table on a terminal, JSON when stdout is not a terminal (or --format).
--format html writes one self-contained page (summary, a row per feature, both sides'
histograms overlaid; it opens offline), to stdout or to the file of -o.
Exit codes: 0 done; 1 with --fail-on-drift when dataset drift is detected;
2 bad usage or unusable input (one line on stderr).

Example:
  driftwatch compare --reference train.csv --current today.parquet \\
    --categorical zip --threshold income:psi=0.2 --fail-on-drift`;

export function registerCompareCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('compare')
    .description('compare a reference dataset with a current one, feature by feature')
    .requiredOption('--reference <file>', 'reference (baseline) data file')
    .requiredOption('--current <file>', 'current data file')
    .option('--categorical <columns>', 'treat these columns as categorical (comma-separated, repeatable)', collectList)
    .option('--numeric <columns>', 'treat these columns as numeric (comma-separated, repeatable)', collectList)
    .option('--bins <n>', 'quantile bins of numeric features for the histogram distances', '10')
    .option('--threshold <spec>', 'feature:method=value, e.g. income:psi=0.2 (repeatable)', collect)
    .addOption(new Option('--correction <method>', 'multiple-testing correction of p-value decisions').choices(CORRECTION_CHOICES).default('none'))
    .option('--drift-share <share>', 'dataset drift when at least this share of features drifted', '0.5')
    .addOption(new Option('--reference-format <format>', 'reference file format, instead of the extension').choices(['csv', 'jsonl', 'parquet']))
    .addOption(new Option('--current-format <format>', 'current file format, instead of the extension').choices(['csv', 'jsonl', 'parquet']))
    .option('--fail-on-drift', 'exit with code 1 when dataset drift is detected')
    .addOption(new Option('--format <format>', 'output format: table (default on a terminal), json (default otherwise) or html').choices(['table', 'json', 'html']))
    .option('-o, --output <file>', 'write the output to this file instead of stdout')
    .addHelpText('after', HELP_AFTER);
  command.action(async (raw: RawCompareOptions & { output?: string }) => {
    io.setExitCode(await compareAction(raw, io));
  });
  return command;
}

/** Runs the command; returns the exit code. Input problems print one line and give 2. */
export async function compareAction(raw: RawCompareOptions & { output?: string }, io: CliIo): Promise<number> {
  const progress = new Progress(io);
  try {
    const html = raw.format === 'html';
    // A file is no terminal: without --format, -o gets JSON.
    const options = parseCompareOptions({ ...raw, format: html ? 'json' : raw.format }, io.stdoutIsTTY && raw.output === undefined);
    const report = await runCompare(options, { onStep: (m) => progress.step(m) });
    progress.done();
    const text = html ? compareHtml(report, { reference: options.reference, current: options.current }) : options.format === 'json' ? reportJson(report) : renderTable(report);
    if (raw.output === undefined) io.stdout(text);
    else writeOutput(raw.output, text);
    return options.failOnDrift && report.datasetDrift.detected ? EXIT_DRIFT : EXIT_OK;
  } catch (err) {
    progress.done();
    if (err instanceof CliError || err instanceof TabularError || err instanceof ThresholdSpecError) {
      io.stderr(`driftwatch: ${oneLine(err.message)}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}
