import { readFileSync } from 'node:fs';
import { CliError } from '../cli-error';
import { resolveOutputFormat, type OutputFormat } from '../output-format';
import { resolveApiToken, resolveApiUrl } from '../api-client/api-client';
import { parseTimeRange, type TimeRange } from './time-range';

/** Options of `baseline create` as commander hands them over. */
export interface RawCreateOptions {
  model: string;
  modelVersion: string;
  file?: string;
  fromWindows?: string;
  fileFormat?: string;
  categorical?: string[];
  numeric?: string[];
  bins?: string;
  fineBins?: string;
  importance?: string;
  predictionColumn?: string;
  targetColumn?: string;
  id?: string;
  api?: string;
  token?: string;
  format?: string;
}

export interface CreateOptions {
  model: string;
  modelVersion: string;
  input: { kind: 'file'; file: string; format?: string } | { kind: 'windows'; range: TimeRange };
  categorical: string[];
  numeric: string[];
  bins: number;
  fineBins: number;
  /** Parsed JSON of --importance (validated against the features when the baseline is built). */
  importance?: unknown;
  /** --prediction-column: the file column holding the model's prediction (file input only). */
  predictionColumn?: string;
  /** --target-column: the file column holding the true label (file input only); never a feature. */
  targetColumn?: string;
  baselineId?: string;
  api: string;
  /** --token / DRIFTWATCH_TOKEN. */
  token?: string;
  format: OutputFormat;
}

/** commander collector for repeatable, comma-separated lists: `--numeric a,b --numeric c`. */
export function collectList(value: string, previous: string[] = []): string[] {
  return previous.concat(value.split(',').map((s) => s.trim()).filter((s) => s !== ''));
}

/** Everything that can be checked before reading data or calling the API; errors are CliError (exit 2). */
export function parseCreateOptions(raw: RawCreateOptions, stdoutIsTTY: boolean): CreateOptions {
  if ((raw.file === undefined) === (raw.fromWindows === undefined)) {
    throw new CliError('give either --file (training data) or --from-windows START..END (stored production events)');
  }
  checkName('--model', raw.model);
  checkName('--model-version', raw.modelVersion);
  const categorical = raw.categorical ?? [];
  const numeric = raw.numeric ?? [];
  const both = categorical.find((c) => numeric.includes(c));
  if (both !== undefined) throw new CliError(`column ${JSON.stringify(both)} is given to both --categorical and --numeric`);
  if (raw.fromWindows !== undefined && raw.fileFormat !== undefined) throw new CliError('--file-format applies to --file only');
  if (raw.fromWindows !== undefined && raw.predictionColumn !== undefined) {
    throw new CliError('--prediction-column applies to --file only (from windows, the events\' own prediction is used)');
  }
  if (raw.predictionColumn !== undefined && raw.predictionColumn.trim() === '') throw new CliError('--prediction-column must name a column');
  if (raw.targetColumn !== undefined) {
    if (raw.fromWindows !== undefined) {
      throw new CliError('--target-column applies to --file only (from windows, the labels joined to the stored predictions are used)');
    }
    if (raw.targetColumn.trim() === '') throw new CliError('--target-column must name a column');
    if (raw.predictionColumn === undefined) throw new CliError('--target-column needs --prediction-column: performance compares the prediction with the target');
    if (raw.targetColumn === raw.predictionColumn) {
      throw new CliError(`--target-column and --prediction-column both name ${JSON.stringify(raw.targetColumn)}: the target is the true label, the prediction the model's output`);
    }
  }
  return {
    model: raw.model,
    modelVersion: raw.modelVersion,
    input:
      raw.file !== undefined
        ? { kind: 'file', file: raw.file, format: raw.fileFormat }
        : { kind: 'windows', range: parseTimeRange(raw.fromWindows as string) },
    categorical,
    numeric,
    bins: integerOption('--bins', raw.bins, 10, 1),
    fineBins: integerOption('--fine-bins', raw.fineBins, 100, 0),
    importance: raw.importance === undefined ? undefined : readJson('--importance', raw.importance),
    predictionColumn: raw.predictionColumn,
    targetColumn: raw.targetColumn,
    baselineId: raw.id,
    api: resolveApiUrl(raw.api),
    token: resolveApiToken(raw.token),
    format: resolveOutputFormat(raw.format, stdoutIsTTY),
  };
}

function checkName(option: string, value: string): void {
  if (value.trim() === '' || value.length > 256) throw new CliError(`${option} must be 1 to 256 characters, got ${JSON.stringify(value)}`);
}

function integerOption(option: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > 10_000) throw new CliError(`${option} must be an integer from ${min} to 10000, got ${JSON.stringify(value)}`);
  return n;
}

function readJson(option: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${option}: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${option}: ${file} is not valid JSON (${(error as Error).message})`);
  }
}
