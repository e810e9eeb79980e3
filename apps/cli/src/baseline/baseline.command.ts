import { BaselineSpecError } from '@driftwatch/stats';
import { TabularError } from '@driftwatch/tabular';
import type { Command } from 'commander';
import { Option } from 'commander';
import { ApiClient, resolveApiToken, resolveApiUrl } from '../api-client/api-client';
import { apiOption, runApiCommand, tokenOption } from '../api-client/api-command';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { addFormatOption, resolveOutputFormat } from '../output-format';
import { Progress } from '../progress';
import { collectList, parseCreateOptions, type RawCreateOptions } from './baseline-options';
import type { BaselineSummaryView, BaselineView } from './baseline-views';
import { renderBaseline, renderBaselineList } from './render-baseline';

const CREATE_HELP = `
A baseline fixes, per feature, what production data is compared with: quantile bin edges
and counts, min/max/mean/std/median (numeric), category counts (categorical, boolean), the
missing count and an optional importance weight. The newest baseline of a model version is
the active one: the running aggregator bins new events against it within seconds.

--file reads CSV (header row), JSON Lines or Parquet training data locally and sends the
computed baseline to the API. --from-windows START..END has the API build it from the raw
events it kept for this model version while it had no baseline (ISO-8601 or epoch ms).

--importance takes a JSON file {"feature": weight, ...}: weights are numbers >= 0, every
name must be a feature of the data.

--prediction-column COLUMN marks the file column holding the model's prediction: it is
stored as the feature "@prediction" (numeric for scores, categorical for class names) and
the events' "prediction" is compared with it (prediction_drift incidents). From windows,
the stored events' predictions are used (a class -> probability map as its top class).

--target-column COLUMN (with --prediction-column) names the column holding the true label
(number, class name or true/false; an empty cell: not labelled). It is not a feature: the
model's performance on the file's rows (accuracy, ROC AUC, ... for classification; MAE,
RMSE, ... for regression; the task is inferred) is stored with the baseline, and production
windows whose predictions got labels are compared with it (performance_degradation). From
windows, the labels joined to the stored predictions give it, when there are any.

Exit codes: 0 stored; 2 bad usage, unusable data or rejected by the API; 3 the API is not
reachable (or failed). The API is --api, else DRIFTWATCH_API, else http://127.0.0.1:8080;
its token (when it has DRIFTWATCH_API_TOKENS) is --token, else DRIFTWATCH_TOKEN.

Example:
  driftwatch baseline create --model credit-risk --model-version 7 --file train.csv \\
    --categorical zip --importance importance.json`;

// Unreadable training data and an unusable baseline spec are the user's to fix: exit code 2.
const USAGE_ERRORS = [TabularError, BaselineSpecError];

/** `driftwatch baseline create|list|show`: baselines of a running Driftwatch. */
export function registerBaselineCommand(program: Command, io: CliIo): Command {
  const baseline = program.command('baseline').description('create and inspect the baselines production data is compared with');

  const create = baseline
    .command('create')
    .description('compute a baseline from training data (or stored production events) and store it')
    .requiredOption('--model <id>', 'model id, as in the events')
    .requiredOption('--model-version <version>', 'model version, as in the events')
    .option('--file <path>', 'training data file (CSV, JSON Lines or Parquet)')
    .option('--from-windows <range>', 'START..END: build it from the events stored for this version in that range')
    .addOption(new Option('--file-format <format>', 'file format, instead of the extension').choices(['csv', 'jsonl', 'parquet']))
    .option('--categorical <columns>', 'treat these columns as categorical (comma-separated, repeatable)', collectList)
    .option('--numeric <columns>', 'treat these columns as numeric (comma-separated, repeatable)', collectList)
    .option('--bins <n>', 'quantile bins of numeric features', '10')
    .option('--fine-bins <n>', 'quantile bins of the finer grid kept for KS/Wasserstein in streaming (0: none)', '100')
    .option('--importance <file>', 'JSON file {"feature": weight}')
    .option('--prediction-column <column>', "the column holding the model's prediction (stored as the feature @prediction)")
    .option('--target-column <column>', "the column holding the true label: the model's performance is stored with the baseline")
    .option('--id <baselineId>', 'id to store it under (default: generated)')
    .addOption(apiOption())
    .addOption(tokenOption())
    .addHelpText('after', CREATE_HELP);
  addFormatOption(create);
  create.action(async (raw: RawCreateOptions) => io.setExitCode(await runApiCommand(io, () => createAction(raw, io), USAGE_ERRORS)));

  const list = baseline
    .command('list')
    .description("list a model's baselines, newest first")
    .requiredOption('--model <id>', 'model id')
    .addOption(apiOption())
    .addOption(tokenOption());
  addFormatOption(list);
  list.action(async (raw: { model: string; api?: string; token?: string; format?: string }) =>
    io.setExitCode(
      await runApiCommand(io, async () => {
        const format = resolveOutputFormat(raw.format, io.stdoutIsTTY);
        const client = new ApiClient(resolveApiUrl(raw.api), undefined, resolveApiToken(raw.token));
        // The list is paged (nextCursor); an api from before paging answers without one.
        const baselines: BaselineSummaryView[] = [];
        let cursor: string | null | undefined;
        do {
          const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
          const page = await client.get<{ baselines: BaselineSummaryView[]; nextCursor?: string | null }>(`/api/models/${encodeURIComponent(raw.model)}/baselines${query}`);
          baselines.push(...page.baselines);
          cursor = page.nextCursor;
        } while (cursor);
        io.stdout(format === 'json' ? `${JSON.stringify({ baselines }, null, 2)}\n` : renderBaselineList(baselines, raw.model));
      }, USAGE_ERRORS),
    ),
  );

  const show = baseline
    .command('show')
    .description("show a baseline: the model version's active one, or one by id")
    .requiredOption('--model <id>', 'model id')
    .option('--model-version <version>', 'show the active baseline of this version')
    .option('--id <baselineId>', 'show this baseline')
    .addOption(apiOption())
    .addOption(tokenOption());
  addFormatOption(show);
  show.action(async (raw: { model: string; modelVersion?: string; id?: string; api?: string; token?: string; format?: string }) =>
    io.setExitCode(
      await runApiCommand(io, async () => {
        if ((raw.modelVersion === undefined) === (raw.id === undefined)) throw new CliError('give either --model-version (its active baseline) or --id');
        const format = resolveOutputFormat(raw.format, io.stdoutIsTTY);
        const client = new ApiClient(resolveApiUrl(raw.api), undefined, resolveApiToken(raw.token));
        const model = encodeURIComponent(raw.model);
        const path =
          raw.id !== undefined
            ? `/api/models/${model}/baselines/${encodeURIComponent(raw.id)}`
            : `/api/models/${model}/versions/${encodeURIComponent(raw.modelVersion as string)}/baselines/active`;
        const b = await client.get<BaselineView>(path);
        io.stdout(format === 'json' ? `${JSON.stringify(b, null, 2)}\n` : renderBaseline(b, b.baselineId === raw.id ? 'baseline' : 'active baseline'));
      }, USAGE_ERRORS),
    ),
  );
  return baseline;
}

async function createAction(raw: RawCreateOptions, io: CliIo): Promise<void> {
  const options = parseCreateOptions(raw, io.stdoutIsTTY);
  const client = new ApiClient(options.api, undefined, options.token);
  const versionPath = `/api/models/${encodeURIComponent(options.model)}/versions/${encodeURIComponent(options.modelVersion)}/baselines`;
  let created: BaselineView;
  if (options.input.kind === 'file') {
    const progress = new Progress(io);
    progress.step(`reading ${options.input.file}`);
    let built;
    try {
      // Loaded on use, like the simulation: the other commands start without it.
      const { buildFileBaseline } = await import('./build-file-baseline');
      built = await buildFileBaseline(options.input.file, options.input.format, options);
    } finally {
      progress.done();
    }
    for (const [feature, n] of Object.entries(built.typeErrors)) {
      io.stderr(`driftwatch: warning: ${n} value(s) of column ${JSON.stringify(feature)} do not fit its kind and are left out of the baseline\n`);
    }
    if (built.performance !== undefined && built.performance.snapshot === null) {
      io.stderr(`driftwatch: warning: no row has both a prediction and a ${JSON.stringify(options.targetColumn)} value: the baseline is stored without performance\n`);
    }
    const snapshot = built.performance?.snapshot ?? null;
    created = await client.post<BaselineView>(versionPath, {
      ...(options.baselineId === undefined ? {} : { baselineId: options.baselineId }),
      rowCount: built.rowCount,
      source: built.source,
      features: built.features,
      ...(snapshot === null ? {} : { performance: snapshot }),
    });
  } else {
    created = await client.post<BaselineView>(`${versionPath}/from-windows`, {
      from: options.input.range.from,
      to: options.input.range.to,
      bins: options.bins,
      fineBins: options.fineBins,
      ...(options.categorical.length > 0 ? { categorical: options.categorical } : {}),
      ...(options.numeric.length > 0 ? { numeric: options.numeric } : {}),
      ...(options.importance === undefined ? {} : { importance: options.importance }),
      ...(options.baselineId === undefined ? {} : { baselineId: options.baselineId }),
    });
  }
  io.stdout(options.format === 'json' ? `${JSON.stringify(created, null, 2)}\n` : renderBaseline(created, 'stored baseline'));
}
