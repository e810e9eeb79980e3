import { cellSql } from './cell-sql';
import type { ColumnKind, ColumnScan, TableScan } from './column-scan';
import { radixSortFloat64 } from './radix-sort.util';
import { RowBinaryReader } from './row-binary-reader';
import { openTableSource, querySource, type TableSource } from './table-source';
import { TabularError } from './tabular-error';

export interface ScanOptions {
  /** File format; detected from the extension when absent. */
  format?: string;
  /** Columns to read, in this order (default: all, in file order). Each must exist. */
  columns?: readonly string[];
  /**
   * Kinds decided beforehand (a reference's kinds, or the user's --numeric/--categorical).
   * Any other column is inferred: numeric when every non-missing cell is a number.
   */
  kinds?: ReadonlyMap<string, ColumnKind>;
}

type Plan = { name: string; kind: ColumnKind | 'infer' };

/**
 * Reads a CSV (header row), JSON Lines or Parquet file with the embedded ClickHouse engine
 * and returns, per column, missing and type-error counts plus the valid values: numeric
 * columns as sorted Float64Arrays (moved as binary doubles, sorted once), categorical ones
 * as value→count maps. One pass over the file, plus a second one only for inferred columns
 * that mix text with numbers.
 */
export async function scanTable(file: string, options: ScanOptions = {}): Promise<TableScan> {
  const source = await openTableSource(file, { format: options.format });
  try {
    return await scanSource(source, options);
  } finally {
    await source.release();
  }
}

/** scanTable on an already opened source (see openTableSource). */
export async function scanSource(source: TableSource, options: Omit<ScanOptions, 'format'> = {}): Promise<TableScan> {
  return sortScan(await readSource(source, options));
}

/**
 * A scan whose numeric columns still hold their values in file order (`sorted` is not yet
 * sorted): what the engine returned, before the JavaScript work. Lets a caller start the
 * next file's read before sorting this one (see sortScan).
 */
export type UnsortedTableScan = TableScan & { readonly unsorted: true };

/** Sorts every numeric column of an unsorted scan in place and returns it as a TableScan. */
export function sortScan(scan: UnsortedTableScan): TableScan {
  for (const column of scan.columns) if (column.kind === 'numeric') radixSortFloat64(column.sorted);
  const { unsorted: _unsorted, ...sorted } = scan;
  return sorted;
}

/** The engine part of scanSource: counts, categories and numeric values, not sorted yet. */
export async function readSource(source: TableSource, options: Omit<ScanOptions, 'format'> = {}): Promise<UnsortedTableScan> {
  const types = new Map(source.columns.map((c) => [c.name, c.type]));
  const names = options.columns ?? source.columns.map((c) => c.name);
  for (const name of names) {
    if (!types.has(name)) throw new TabularError(`${source.file} has no column ${JSON.stringify(name)}`, 'bad-column');
  }
  const plans: Plan[] = names.map((name) => ({ name, kind: options.kinds?.get(name) ?? 'infer' }));
  // Each cell is classified once in the inner query; the outer one only aggregates the aliases
  // (repeating the expressions inside every aggregate costs twice the time).
  const inner: string[] = [];
  const select = ['count()'];
  plans.forEach(({ name, kind }, i) => {
    const cell = cellSql(name, types.get(name) as string);
    const [m, v, ok, cat] = [`m${i}`, `v${i}`, `ok${i}`, `cat${i}`];
    inner.push(`${cell.missing} AS ${m}`);
    select.push(`countIf(${m})`);
    if (kind === 'categorical') {
      inner.push(`${cell.category} AS ${cat}`);
      select.push(`sumMapIf(map(assumeNotNull(${cat}), toUInt64(1)), NOT ${m})`);
      return;
    }
    inner.push(`${cell.number} AS ${v}`, `${v} IS NOT NULL AND NOT isNaN(${v}) AS ${ok}`);
    select.push(`countIf(NOT ${m} AND NOT ${ok})`, `groupArrayIf(assumeNotNull(${v}), ${ok})`);
    if (kind === 'infer') {
      // Text of the non-numeric cells: enough to count categories when the column turns out categorical.
      inner.push(`${cell.category} AS ${cat}`);
      select.push(`sumMapIf(map(assumeNotNull(${cat}), toUInt64(1)), NOT ${m} AND NOT ${ok})`);
    }
  });
  const sql = `SELECT ${select.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${source.from}) ${source.settings}`;
  const reader = new RowBinaryReader(await querySource(source, sql, source.params, 'RowBinary'));
  const rows = reader.uint64();
  if (rows === 0) throw new TabularError(`${source.file} has no rows`, 'no-rows');

  const columns: ColumnScan[] = [];
  const mixed: { index: number; texts: Map<string, number> }[] = [];
  for (const { name, kind } of plans) {
    const missing = reader.uint64();
    if (kind === 'categorical') {
      columns.push({ name, kind, rows, missing, typeErrors: 0, counts: reader.stringCountMap() });
      continue;
    }
    const nonNumeric = reader.uint64();
    const numbers = reader.float64Array();
    const texts = kind === 'infer' ? reader.stringCountMap() : undefined;
    if (texts === undefined || nonNumeric === 0) {
      columns.push({ name, kind: 'numeric', rows, missing, typeErrors: nonNumeric, sorted: numbers });
    } else {
      columns.push({ name, kind: 'categorical', rows, missing, typeErrors: 0, counts: texts });
      if (numbers.length > 0) mixed.push({ index: columns.length - 1, texts });
    }
  }
  if (mixed.length > 0) await countNumberLikeCategories(source, types, columns, mixed);
  return { file: source.file, format: source.format, rows, columns, unsorted: true };
}

/** Second pass for categorical columns with number-like cells: count those cells by their text. */
async function countNumberLikeCategories(
  source: TableSource,
  types: ReadonlyMap<string, string>,
  columns: ColumnScan[],
  mixed: { index: number; texts: Map<string, number> }[],
): Promise<void> {
  const select = mixed.map(({ index }) => {
    const cell = cellSql(columns[index].name, types.get(columns[index].name) as string);
    return `sumMapIf(map(assumeNotNull(${cell.category}), toUInt64(1)), ${cell.isNumber})`;
  });
  const sql = `SELECT ${select.join(', ')} FROM ${source.from} ${source.settings}`;
  const reader = new RowBinaryReader(await querySource(source, sql, source.params, 'RowBinary'));
  for (const { texts } of mixed) {
    for (const [category, count] of reader.stringCountMap()) texts.set(category, (texts.get(category) ?? 0) + count);
  }
}
