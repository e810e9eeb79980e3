import path from 'node:path';
import { buildBaseline, type BaselineFeatureKind, type BaselineStats, type ColumnKind } from '@driftwatch/stats';
import { openTableSource, readSource, sortScan } from '@driftwatch/tabular';
import { CliError } from '../cli-error';
import type { CreateOptions } from './baseline-options';
import { filePerformance, type CellReading, type FilePerformance } from './file-performance';

export interface FileBaseline extends BaselineStats {
  source: string;
  /** With --target-column: the model's performance on the file's rows. */
  performance?: FilePerformance;
}

/**
 * Reads a training file with the embedded engine and computes its baseline. Columns are
 * numeric when every non-missing cell is a number, unless --numeric/--categorical say
 * otherwise; a true/false column becomes boolean unless named in --categorical. The
 * --prediction-column becomes the baseline's prediction feature (PREDICTION_FEATURE). The
 * --target-column is read only to compare the prediction with: never a feature.
 */
export async function buildFileBaseline(file: string, format: string | undefined, options: CreateOptions): Promise<FileBaseline> {
  const source = await openTableSource(file, { format });
  try {
    const known = new Set(source.columns.map((c) => c.name));
    for (const [option, names] of [['--categorical', options.categorical], ['--numeric', options.numeric]] as const) {
      const unknown = names.filter((n) => !known.has(n));
      if (unknown.length > 0) throw new CliError(`${option} names ${unknown.map((n) => JSON.stringify(n)).join(', ')}, which ${file} does not have`);
    }
    const prediction = options.predictionColumn;
    if (prediction !== undefined && !known.has(prediction)) throw new CliError(`--prediction-column names ${JSON.stringify(prediction)}, which ${file} does not have`);
    const target = options.targetColumn;
    if (target !== undefined && !known.has(target)) throw new CliError(`--target-column names ${JSON.stringify(target)}, which ${file} does not have`);
    const kinds = new Map<string, ColumnKind>([
      ...options.numeric.map((c): [string, ColumnKind] => [c, 'numeric']),
      ...options.categorical.map((c): [string, ColumnKind] => [c, 'categorical']),
    ]);
    const features = source.columns.map((c) => c.name).filter((name) => name !== target);
    if (features.length === 0) throw new CliError(`${file} has no column besides the --target-column`);
    const scan = sortScan(await readSource(source, { kinds, columns: features }));
    const built = buildBaseline(scan.columns, {
      bins: options.bins,
      fineBins: options.fineBins,
      importance: options.importance,
      kinds: new Map<string, BaselineFeatureKind>(options.categorical.filter((c) => c !== target).map((c) => [c, 'categorical'])),
      prediction,
    });
    const performance =
      target === undefined || prediction === undefined
        ? undefined
        : await filePerformance(source, { prediction, target }, { prediction: reading(kinds.get(prediction)), target: reading(kinds.get(target)) });
    return { ...built, source: `file:${path.basename(file)}`, ...(performance === undefined ? {} : { performance }) };
  } finally {
    await source.release();
  }
}

function reading(kind: ColumnKind | undefined): CellReading {
  return kind === 'numeric' ? 'number' : kind === 'categorical' ? 'text' : 'infer';
}
