import { ALL_FEATURES, concludeDataset, datasetDriftRules, schemaDiff, type ColumnKind, type CompareDatasetOptions } from '@driftwatch/stats';
import { openTableSource, readSource, type ColumnScan, type TableSource } from '@driftwatch/tabular';
import { CliError } from '../cli-error';
import type { CompareOptions } from './compare-options';
import type { CompareReport } from './compare-report';
import { openFeatureRunner, type RunnerOptions } from './feature-worker-pool';

export interface CompareHooks {
  onStep?: (message: string) => void;
  /**
   * Worker threads for sorting and the statistics. They start only when the reference holds
   * at least `minValues` numeric values (default 100,000): below that, starting them costs
   * more than they save.
   */
  workers?: RunnerOptions & { minValues?: number };
}

const PARALLEL_MIN_VALUES = 100_000;

/**
 * Reads both files and compares every column. The reference decides each column's kind
 * (the user's --numeric/--categorical first, else inferred); the current file is read with
 * those kinds, so its cells that do not fit are type errors.
 */
export async function runCompare(options: CompareOptions, hooks: CompareHooks = {}): Promise<CompareReport> {
  const step = hooks.onStep ?? (() => undefined);
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

    const forced = new Map<string, ColumnKind>([
      ...options.numeric.map((c): [string, ColumnKind] => [c, 'numeric']),
      ...options.categorical.map((c): [string, ColumnKind] => [c, 'categorical']),
    ]);
    const refRead = await readSource(reference, { kinds: forced });
    step('reading the current data');
    const curRead = readSource(current, { columns: names, kinds: new Map(refRead.columns.map((c) => [c.name, c.kind])) });
    const numericValues = refRead.columns.reduce((n, c) => n + (c.kind === 'numeric' ? c.sorted.length : 0), 0);
    const { minValues = PARALLEL_MIN_VALUES, ...runnerOptions } = hooks.workers ?? {};
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
      const compareOptions: CompareDatasetOptions = {
        referenceRows: refRead.rows,
        bins: options.bins,
        overrides: options.overrides,
        correction: options.correction,
        datasetDriftShare: options.driftShare,
      };
      const rules = datasetDriftRules(ref, compareOptions);
      // One task per feature, spread over the threads; the current side is sorted there too.
      const features = await Promise.all(
        ref.map(async (r, i) => {
          const result = await runner.run({ type: 'compare', name: r.name, reference: r, current: { ...cur.columns[i], unsorted: true }, rule: rules[i], bins: options.bins });
          if (result.type !== 'compare') throw new Error('a compare task returned no feature');
          return result.feature;
        }),
      );
      const { datasetDrift } = concludeDataset(features, compareOptions);
      return { rows: { reference: refRead.rows, current: cur.rows }, features, datasetDrift };
    } finally {
      await runner.close();
    }
  } finally {
    await Promise.all(sources.map((s) => s.release()));
  }
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
