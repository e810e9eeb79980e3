import { cellSql } from './cell-sql';
import { RowBinaryReader } from './row-binary-reader';
import { querySource, type TableSource } from './table-source';
import { TabularError } from './tabular-error';

/**
 * One column's cells in row order, classified like the scans classify them (cellSql): whether
 * a cell is missing, its number when it is a valid number, and its text otherwise.
 */
export interface CellColumn {
  readonly name: string;
  /** 1 for a missing cell. */
  readonly missing: Uint8Array;
  /** The cell's number; NaN when missing or not a number. */
  readonly numbers: Float64Array;
  /** The cell's text (what a categorical column counts); '' when missing. */
  readonly texts: readonly string[];
}

/**
 * Reads the cells of a few columns row by row, aligned: row i of every returned column is row i
 * of the file. For what needs pairs of cells (a prediction beside its label), which the
 * per-column scans, aggregated by the engine, cannot give.
 */
export async function readCells(source: TableSource, names: readonly string[]): Promise<CellColumn[]> {
  const types = new Map(source.columns.map((c) => [c.name, c.type]));
  for (const name of names) {
    if (!types.has(name)) throw new TabularError(`${source.file} has no column ${JSON.stringify(name)}`, 'bad-column');
  }
  if (names.length === 0) return [];
  const select = names.flatMap((name) => {
    const cell = cellSql(name, types.get(name) as string);
    return [
      // Plain (not Nullable) types: RowBinary would put a null flag before every Nullable value.
      `toUInt64(ifNull(${cell.missing}, 1))`,
      `toFloat64(ifNull(if(${cell.isNumber}, ${cell.number}, nan), nan))`,
      `toString(ifNull(if(${cell.missing}, '', ${cell.category}), ''))`,
    ];
  });
  const sql = `SELECT ${select.join(', ')} FROM ${source.from} ${source.settings}`;
  const reader = new RowBinaryReader(await querySource(source, sql, source.params, 'RowBinary'));
  const missing: number[][] = names.map(() => []);
  const numbers: number[][] = names.map(() => []);
  const texts: string[][] = names.map(() => []);
  while (!reader.done) {
    for (let c = 0; c < names.length; c++) {
      missing[c].push(reader.uint64());
      numbers[c].push(reader.float64());
      texts[c].push(reader.string());
    }
  }
  return names.map((name, c) => ({ name, missing: Uint8Array.from(missing[c]), numbers: Float64Array.from(numbers[c]), texts: texts[c] }));
}
