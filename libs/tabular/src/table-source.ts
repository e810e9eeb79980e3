import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chdbQuery, engineMessage } from './chdb-query';
import { CLICKHOUSE_INPUT_FORMAT, detectFileFormat, type FileFormat } from './file-format';
import { RowBinaryReader } from './row-binary-reader';
import { quoteIdentifier } from './sql-quote.util';
import { TabularError } from './tabular-error';

export interface SourceColumn {
  name: string;
  /** ClickHouse type the engine reads the column as (text formats: always Nullable(String)). */
  type: string;
}

/** A data file ready to query: its columns and the `FROM` clause with its bound parameters. */
export interface TableSource {
  file: string;
  format: FileFormat;
  columns: SourceColumn[];
  /** `file(...)` table function text; every value in it is a `{name:Type}` parameter. */
  from: string;
  params: Record<string, unknown>;
  /** `SETTINGS …` clause to append to every query on this source. */
  settings: string;
  /** Removes the temporary link made for a path holding glob characters. Idempotent. */
  release(): Promise<void>;
}

export interface OpenOptions {
  /** Skip detection by extension. */
  format?: string;
}

/** Text cells stay text (CSV, JSON) so missing tokens and type errors can be told apart in SQL. */
const TEXT_SETTINGS = [
  'input_format_csv_use_best_effort_in_schema_inference = 0',
  'input_format_json_read_numbers_as_strings = 1',
  'input_format_json_read_bools_as_numbers = 0',
  'input_format_json_read_bools_as_strings = 1',
  'input_format_json_read_objects_as_strings = 1',
  'input_format_json_read_arrays_as_strings = 1',
  // Correctly rounded number parsing: the same double as JavaScript's Number() for every cell.
  'precise_float_parsing = 1',
].join(', ');

/** Characters ClickHouse's file() expands as globs: such paths are read through a plain-named link. */
const GLOB_CHARACTERS = /[*?{}]/;

/**
 * Checks that `file` is a readable non-empty file, detects its format and lists its columns.
 * CSV: the header row. JSON Lines: every key of every line, in order of first appearance.
 * Parquet: the file's schema.
 */
export async function openTableSource(file: string, options: OpenOptions = {}): Promise<TableSource> {
  const format = detectFileFormat(file, options.format);
  const absolute = path.resolve(file);
  await checkReadable(file, absolute);
  let linkDir: string | undefined;
  let readPath = absolute;
  if (GLOB_CHARACTERS.test(absolute)) {
    linkDir = await fs.mkdtemp(path.join(os.tmpdir(), 'driftwatch-read-'));
    readPath = path.join(linkDir, `input${path.extname(absolute)}`);
    await fs.symlink(absolute, readPath);
  }
  const release = async () => {
    if (linkDir !== undefined) await fs.rm(linkDir, { recursive: true, force: true });
    linkDir = undefined;
  };
  try {
    const columns = await listColumns(file, format, readPath).catch((err: unknown) => {
      // Schema inference reads the first rows: a header-only CSV or a blank JSONL file has none.
      if (err instanceof TabularError && /Cannot read rows from the data/i.test(err.message)) {
        throw new TabularError(`${file} has no rows`, 'no-rows');
      }
      throw err;
    });
    if (columns.length === 0) throw new TabularError(`${file} has no columns`, 'no-rows');
    const params: Record<string, unknown> = { path: readPath };
    let from = `file({path:String}, '${CLICKHOUSE_INPUT_FORMAT[format]}')`;
    if (format !== 'parquet') {
      params.structure = columns.map((c) => `${quoteIdentifier(c.name)} ${c.type}`).join(', ');
      from = `file({path:String}, '${CLICKHOUSE_INPUT_FORMAT[format]}', {structure:String})`;
    }
    return { file, format, columns, from, params, settings: `SETTINGS ${TEXT_SETTINGS}`, release };
  } catch (err) {
    await release();
    throw err;
  }
}

/** Runs `sql` on the source; an engine failure becomes a one-line TabularError naming the file. */
export async function querySource(source: Pick<TableSource, 'file' | 'format'>, sql: string, params: Record<string, unknown>, format: string): Promise<Uint8Array> {
  try {
    return await chdbQuery(sql, params, format);
  } catch (err) {
    throw new TabularError(`cannot read ${source.file} as ${source.format.toUpperCase()}: ${engineMessage(err)}`, 'bad-content');
  }
}

async function checkReadable(file: string, absolute: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(absolute);
    await fs.access(absolute, fs.constants.R_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new TabularError(`cannot read ${file}: no such file`, 'not-found');
    throw new TabularError(`cannot read ${file}: ${code === 'EACCES' ? 'permission denied' : String(code ?? err)}`, 'unreadable');
  }
  if (!stat.isFile()) throw new TabularError(`cannot read ${file}: not a regular file`, 'unreadable');
  if (stat.size === 0) throw new TabularError(`${file} is empty: no header and no rows`, 'no-rows');
}

async function listColumns(file: string, format: FileFormat, readPath: string): Promise<SourceColumn[]> {
  const source = { file, format };
  if (format === 'jsonl') {
    // Schema inference would look at the first rows only and fails on mixed value types.
    const sql =
      'SELECT k FROM (SELECT rowNumberInAllBlocks() AS n, JSONExtractKeys(json) AS ks ' +
      "FROM file({path:String}, 'JSONAsString')) ARRAY JOIN ks AS k, arrayEnumerate(ks) AS i " +
      'GROUP BY k ORDER BY min((n, i))';
    const reader = new RowBinaryReader(await querySource(source, sql, { path: readPath }, 'RowBinary'));
    const names: SourceColumn[] = [];
    while (!reader.done) names.push({ name: reader.string(), type: 'Nullable(String)' });
    return names;
  }
  const settings = format === 'csv' ? ' SETTINGS input_format_csv_use_best_effort_in_schema_inference = 0' : '';
  const sql = `DESCRIBE TABLE file({path:String}, '${CLICKHOUSE_INPUT_FORMAT[format]}')${settings}`;
  const text = new TextDecoder().decode(await querySource(source, sql, { path: readPath }, 'JSONCompactEachRow'));
  const columns: SourceColumn[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const [name, type] = JSON.parse(line) as [string, string];
    columns.push({ name, type });
  }
  return columns;
}
