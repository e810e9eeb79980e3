import type { CategoricalColumnData, ColumnKind, NumericColumnData } from '@driftwatch/stats';

export type { ColumnKind };

/**
 * One column of a scanned file, in the form the drift statistics take: counts of rows,
 * missing cells and type errors, and the valid values — numeric: ascending Float64Array
 * without NaN; categorical: count per category (the cell's text).
 */
export type ColumnScan = (NumericColumnData | CategoricalColumnData) & { name: string };

/** A scanned file. */
export interface TableScan {
  file: string;
  format: string;
  rows: number;
  columns: ColumnScan[];
}
