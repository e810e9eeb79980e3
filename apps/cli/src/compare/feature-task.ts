import { compareFeature, type ColumnData, type DriftRule, type FeatureComparison } from '@driftwatch/stats';
import { radixSortFloat64, readCsvColumns, type ColumnKind, type CsvRead } from '@driftwatch/tabular';

/** A numeric side whose values are still in file order (the engine's order), to be sorted in place first. */
export type UnsortedSide = ColumnData & { unsorted?: true };

/** Work handed to a worker thread (or done in this thread): structured-cloneable, arrays transferred. */
export type FeatureTask =
  | { type: 'sort'; values: Float64Array }
  /** Read a whole CSV file into typed columns, numbers in file order (see readCsvColumns). */
  | { type: 'scan-csv'; file: string; columns: string[]; kinds: ReadonlyMap<string, ColumnKind> }
  | { type: 'compare'; name: string; reference: UnsortedSide; current: UnsortedSide; rule: DriftRule; bins?: number };

export type FeatureTaskResult =
  | { type: 'sort'; values: Float64Array }
  | { type: 'scan-csv'; read: CsvRead }
  | { type: 'compare'; feature: FeatureComparison };

/**
 * Runs one task. Sorting is the only change made to the data, so a feature computed here is
 * the one compareDataset computes from the same columns.
 */
export function runFeatureTask(task: FeatureTask): FeatureTaskResult {
  if (task.type === 'sort') return { type: 'sort', values: radixSortFloat64(task.values) };
  if (task.type === 'scan-csv') return { type: 'scan-csv', read: readCsvColumns(task.file, { columns: task.columns, kinds: task.kinds }) };
  const reference = sortedSide(task.reference);
  const current = sortedSide(task.current);
  return { type: 'compare', feature: compareFeature(task.name, reference, current, { rule: task.rule, bins: task.bins }) };
}

function sortedSide(side: UnsortedSide): ColumnData {
  const { unsorted, ...column } = side;
  if (unsorted && column.kind === 'numeric') radixSortFloat64(column.sorted);
  return column;
}

/**
 * The buffers a task or result moves to the other thread instead of copying. Every array in a
 * task owns its buffer (the engine's are fresh copies, the CSV reader's one per column), though
 * a CSV column may view only the start of it.
 */
export function transferables(value: FeatureTask | FeatureTaskResult): ArrayBuffer[] {
  const arrays: Float64Array[] = [];
  if ('values' in value) arrays.push(value.values);
  if (value.type === 'scan-csv' && 'read' in value) for (const c of value.read.columns) arrays.push(c.values);
  if (value.type === 'compare' && 'reference' in value) {
    for (const side of [value.reference, value.current]) if (side.kind === 'numeric') arrays.push(side.sorted);
  }
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) {
    if (a.buffer instanceof ArrayBuffer && a.byteOffset === 0) out.add(a.buffer);
  }
  return [...out];
}
