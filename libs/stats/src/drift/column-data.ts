import type { ColumnKind } from '../decision';

/**
 * One side (reference or current) of one feature, as a reader hands it over.
 * `rows` counts every row of the dataset; `missing` and `typeErrors` count cells among them;
 * the remaining rows are the valid values in `sorted` (numeric) or `counts` (categorical).
 */
export type ColumnData = NumericColumnData | CategoricalColumnData;

interface ColumnCounts {
  kind: ColumnKind;
  rows: number;
  missing: number;
  typeErrors: number;
}

export interface NumericColumnData extends ColumnCounts {
  kind: 'numeric';
  /** Valid values, ascending, without NaN (see toSortedSample). */
  sorted: Float64Array;
}

export interface CategoricalColumnData extends ColumnCounts {
  kind: 'categorical';
  /** Valid values: count per category. */
  counts: ReadonlyMap<string, number>;
}

export function columnValidCount(column: ColumnData): number {
  if (column.kind === 'numeric') return column.sorted.length;
  let n = 0;
  for (const c of column.counts.values()) n += c;
  return n;
}
