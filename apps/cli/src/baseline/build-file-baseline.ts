import path from 'node:path';
import { buildBaseline, type BaselineFeatureKind, type BaselineStats, type ColumnKind } from '@driftwatch/stats';
import { openTableSource, readSource, sortScan } from '@driftwatch/tabular';
import { CliError } from '../cli-error';
import type { CreateOptions } from './baseline-options';

export interface FileBaseline extends BaselineStats {
  source: string;
}

/**
 * Reads a training file with the embedded engine and computes its baseline. Columns are
 * numeric when every non-missing cell is a number, unless --numeric/--categorical say
 * otherwise; a true/false column becomes boolean unless named in --categorical. The
 * --prediction-column becomes the baseline's prediction feature (PREDICTION_FEATURE).
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
    const kinds = new Map<string, ColumnKind>([
      ...options.numeric.map((c): [string, ColumnKind] => [c, 'numeric']),
      ...options.categorical.map((c): [string, ColumnKind] => [c, 'categorical']),
    ]);
    const scan = sortScan(await readSource(source, { kinds }));
    const built = buildBaseline(scan.columns, {
      bins: options.bins,
      fineBins: options.fineBins,
      importance: options.importance,
      kinds: new Map<string, BaselineFeatureKind>(options.categorical.map((c) => [c, 'categorical'])),
      prediction,
    });
    return { ...built, source: `file:${path.basename(file)}` };
  } finally {
    await source.release();
  }
}
