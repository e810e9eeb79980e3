import { ALL_FEATURES, compareDataset, schemaDiff, type ColumnKind, type FeaturePair } from '@driftwatch/stats';
import { openTableSource, readSource, sortScan, type TableSource } from '@driftwatch/tabular';
import { CliError } from '../cli-error';
import type { CompareOptions } from './compare-options';
import type { CompareReport } from './compare-report';

export interface CompareHooks {
  onStep?: (message: string) => void;
}

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
    // The engine reads the current file on its own threads meanwhile: sort the reference now.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const ref = sortScan(refRead);
    const cur = sortScan(await curRead);

    step('computing drift');
    const pairs: FeaturePair[] = ref.columns.map((r, i) => ({ name: r.name, reference: r, current: cur.columns[i] }));
    const { features, datasetDrift } = compareDataset(pairs, {
      referenceRows: ref.rows,
      bins: options.bins,
      overrides: options.overrides,
      correction: options.correction,
      datasetDriftShare: options.driftShare,
    });
    return { rows: { reference: ref.rows, current: cur.rows }, features, datasetDrift };
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
