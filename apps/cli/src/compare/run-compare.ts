import { ALL_FEATURES, concludeDataset, datasetDriftRules, schemaDiff, type ColumnKind, type CompareDatasetOptions } from '@driftwatch/stats';
import { openTableSource, readSource, type ColumnScan, type TableSource } from '@driftwatch/tabular';
import { promises as fs } from 'node:fs';
import { CliError } from '../cli-error';
import type { CompareOptions } from './compare-options';
import type { CompareReport } from './compare-report';
import { bothPlainCsv, readCsvPair } from './csv-read-pair';
import type { UnsortedSide } from './feature-task';
import { openFeatureRunner, type FeatureRunner, type RunnerOptions } from './feature-worker-pool';

export interface CompareHooks {
  onStep?: (message: string) => void;
  /**
   * Worker threads for reading CSV files, sorting and the statistics. They start only when
   * the reference holds at least `minValues` numeric values (default 100,000; a CSV reference
   * is judged by its size, 8 bytes per value): below that, starting them costs more than they save.
   */
  workers?: RunnerOptions & { minValues?: number };
  /** 'engine': read CSV files with the engine too (the reference path the CSV reader is tested against). */
  csvReader?: 'auto' | 'engine';
  /** Called when the CSV reader leaves plain-looking CSV files to the engine, with the reason. */
  onCsvFallback?: (reason: string) => void;
}

const PARALLEL_MIN_VALUES = 100_000;

/**
 * Reads both files and compares every column. The reference decides each column's kind
 * (the user's --numeric/--categorical first, else inferred); the current file is read with
 * those kinds, so its cells that do not fit are type errors. Uncompressed CSV files are read
 * without the engine (readCsvPair), both at once, one per thread; everything else, and CSV
 * the CSV reader does not take, through the engine, which gives the same report.
 */
export async function runCompare(options: CompareOptions, hooks: CompareHooks = {}): Promise<CompareReport> {
  const step = hooks.onStep ?? (() => undefined);
  const forced = new Map<string, ColumnKind>([
    ...options.numeric.map((c): [string, ColumnKind] => [c, 'numeric']),
    ...options.categorical.map((c): [string, ColumnKind] => [c, 'categorical']),
  ]);
  const { minValues = PARALLEL_MIN_VALUES, ...runnerOptions } = hooks.workers ?? {};
  if (hooks.csvReader !== 'engine' && bothPlainCsv(options)) {
    const referenceBytes = await fs.stat(options.reference).then(
      (s) => s.size,
      () => 0,
    );
    const runner = openFeatureRunner(referenceBytes / 8 >= minValues ? runnerOptions : { ...runnerOptions, threads: 1 });
    try {
      step('reading the CSV files');
      const pair = await readCsvPair(options, forced, runner, (names) => checkNamedColumns(names, options));
      if ('rows' in pair) {
        step('computing drift');
        return await compareColumns(pair.rows, pair.reference, pair.current, options, runner);
      }
      hooks.onCsvFallback?.(pair.reason);
    } finally {
      await runner.close();
    }
  }

  const sources: TableSource[] = [];
  try {
    step('reading the reference');
    const reference = await openTableSource(options.reference, { format: options.referenceFormat });
    sources.push(reference);
    const current = await openTableSource(options.current, { format: options.currentFormat });
    sources.push(current);
    const names = reference.columns.map((c) => c.name);
    checkSameColumns(names, current.columns.map((c) => c.name));
    checkNamedColumns(names, options);

    const refRead = await readSource(reference, { kinds: forced });
    step('reading the current data');
    const curRead = readSource(current, { columns: names, kinds: new Map(refRead.columns.map((c) => [c.name, c.kind])) });
    const numericValues = refRead.columns.reduce((n, c) => n + (c.kind === 'numeric' ? c.sorted.length : 0), 0);
    const runner = openFeatureRunner(numericValues >= minValues ? runnerOptions : { ...runnerOptions, threads: 1 });
    try {
      // The engine reads the current file on its own threads meanwhile: sort the reference now.
      const sortedRef = refRead.columns.map(async (c): Promise<ColumnScan> => {
        if (c.kind !== 'numeric') return c;
        const sorted = await runner.run({ type: 'sort', values: c.sorted });
        return { ...c, sorted: (sorted as { values: Float64Array }).values };
      });
      // Awaited below; marked handled now so a failure while the current file is read is not reported twice.
      for (const p of sortedRef) p.catch(() => undefined);
      const cur = await curRead;

      step('computing drift');
      const ref = await Promise.all(sortedRef);
      // The current side is sorted on the feature's thread.
      const unsortedCur = cur.columns.map((c) => ({ ...c, unsorted: true as const }));
      return await compareColumns({ reference: refRead.rows, current: cur.rows }, ref, unsortedCur, options, runner);
    } finally {
      await runner.close();
    }
  } finally {
    await Promise.all(sources.map((s) => s.release()));
  }
}

/** The report from both files' columns (reference sorted; current sorted unless marked `unsorted`). */
async function compareColumns(
  rows: { reference: number; current: number },
  ref: ColumnScan[],
  cur: UnsortedSide[],
  options: CompareOptions,
  runner: FeatureRunner,
): Promise<CompareReport> {
  const compareOptions: CompareDatasetOptions = {
    referenceRows: rows.reference,
    bins: options.bins,
    overrides: options.overrides,
    correction: options.correction,
    datasetDriftShare: options.driftShare,
  };
  const rules = datasetDriftRules(ref, compareOptions);
  // One task per feature, spread over the threads.
  const features = await Promise.all(
    ref.map(async (r, i) => {
      const result = await runner.run({ type: 'compare', name: r.name, reference: r, current: cur[i], rule: rules[i], bins: options.bins });
      if (result.type !== 'compare') throw new Error('a compare task returned no feature');
      return result.feature;
    }),
  );
  const { datasetDrift } = concludeDataset(features, compareOptions);
  return { rows, features, datasetDrift };
}

function checkSameColumns(reference: string[], current: string[]): void {
  const { unknown, vanished } = schemaDiff(reference, current);
  const problems: string[] = [];
  if (vanished.length > 0) problems.push(`missing from the current data: ${vanished.join(', ')}`);
  if (unknown.length > 0) problems.push(`not in the reference: ${unknown.join(', ')}`);
  if (problems.length > 0) throw new CliError(`the files have different columns (${problems.join('; ')})`);
}

function checkNamedColumns(columns: string[], options: CompareOptions): void {
  const known = new Set(columns);
  const named: [string, string][] = [
    ...options.numeric.map((c): [string, string] => [c, '--numeric']),
    ...options.categorical.map((c): [string, string] => [c, '--categorical']),
    ...options.overrides.filter((o) => o.feature !== ALL_FEATURES).map((o): [string, string] => [o.feature, '--threshold']),
  ];
  for (const [column, option] of named) {
    if (!known.has(column)) throw new CliError(`${option} names column ${JSON.stringify(column)}, which the files do not have`);
  }
}
