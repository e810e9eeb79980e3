import { schemaDiff, type ColumnKind } from '@driftwatch/stats';
import { CsvNotPlainError, detectFileFormat, isCompressedFile, readCsvHeader, settleCsvColumns, type ColumnScan, type CsvRead } from '@driftwatch/tabular';
import type { CompareOptions } from './compare-options';
import type { FeatureRunner } from './feature-worker-pool';

/** Both files' columns as the engine path's readSource gives them, numeric ones sorted. */
export interface CsvPair {
  rows: { reference: number; current: number };
  reference: ColumnScan[];
  current: ColumnScan[];
}

/** Why the CSV reader left a comparison to the engine. */
export type CsvFallback = { reason: string };

/** True when both inputs are uncompressed CSV, the files the CSV reader may take. */
export function bothPlainCsv(options: Pick<CompareOptions, 'reference' | 'current' | 'referenceFormat' | 'currentFormat'>): boolean {
  const plain = (file: string, format?: string) => {
    try {
      return detectFileFormat(file, format) === 'csv' && !isCompressedFile(file);
    } catch {
      return false; // the engine path words the error
    }
  };
  return plain(options.reference, options.referenceFormat) && plain(options.current, options.currentFormat);
}

/**
 * Reads both CSV files without the engine: each file on its own thread of `runner` (reading
 * and typing), then sorts their numeric columns on both threads; the reference's kinds settled as readSource settles them — the user's
 * --numeric/--categorical, else numeric when every non-missing cell is a number — and the
 * current file's columns taken with those kinds. Returns a CsvFallback, never an error, for
 * anything the engine path must handle (and word, when it is a problem of the input): files
 * that are not plain CSV (see readCsvColumns), different columns, unreadable files.
 */
export async function readCsvPair(
  options: CompareOptions,
  forced: ReadonlyMap<string, ColumnKind>,
  runner: FeatureRunner,
  checkNames: (names: string[]) => void,
): Promise<CsvPair | CsvFallback> {
  try {
    const names = readCsvHeader(options.reference);
    const { unknown, vanished } = schemaDiff(names, readCsvHeader(options.current));
    if (unknown.length > 0 || vanished.length > 0) return { reason: 'the files have different columns' };
    // Throws the user's error (an option naming a column the files lack) before any reading.
    checkNames(names);

    // Each file is sorted as soon as it is read, one task per column, so the thread done reading
    // first (the worker starts later: it loads its modules first) sorts the other's columns too.
    const scanAndSort = async (file: string): Promise<CsvRead> => {
      const result = await runner.run({ type: 'scan-csv', file, columns: names, kinds: forced });
      if (result.type !== 'scan-csv') throw new Error('a CSV scan task returned no columns');
      const columns = await Promise.all(
        result.read.columns.map(async (column) => {
          if (column.values.length === 0) return column;
          const sorted = await runner.run({ type: 'sort', values: column.values });
          if (sorted.type !== 'sort') throw new Error('a sort task returned no values');
          return { ...column, values: sorted.values };
        }),
      );
      return { ...result.read, columns };
    };
    const [refRead, curRead] = await Promise.all([scanAndSort(options.reference), scanAndSort(options.current)]);

    const reference = settleCsvColumns(refRead);
    const current = settleCsvColumns(curRead, new Map(reference.map((c) => [c.name, c.kind])));
    return { rows: { reference: refRead.rows, current: curRead.rows }, reference, current };
  } catch (err) {
    if (err instanceof CsvNotPlainError) return { reason: err.message };
    if (typeof (err as NodeJS.ErrnoException).code === 'string') return { reason: (err as Error).message };
    throw err;
  }
}
