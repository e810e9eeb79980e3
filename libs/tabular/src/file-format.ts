import path from 'node:path';
import { TabularError } from './tabular-error';

export type FileFormat = 'csv' | 'jsonl' | 'parquet';

export const FILE_FORMATS: readonly FileFormat[] = ['csv', 'jsonl', 'parquet'];

/** ClickHouse reads these compressions itself, chosen by the file's extension. */
const COMPRESSION_EXTENSIONS = ['.gz', '.gzip', '.zst', '.zstd', '.bz2', '.xz', '.lz4', '.br'];

const BY_EXTENSION: Record<string, FileFormat> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'jsonl',
  '.parquet': 'parquet',
  '.pq': 'parquet',
};

/** The ClickHouse input format for each file format (CSV always has a header row). */
export const CLICKHOUSE_INPUT_FORMAT: Record<FileFormat, string> = {
  csv: 'CSVWithNames',
  jsonl: 'JSONEachRow',
  parquet: 'Parquet',
};

export function isFileFormat(name: string): name is FileFormat {
  return (FILE_FORMATS as readonly string[]).includes(name);
}

/**
 * The format of `file`: `override` when given, else by extension (.csv, .jsonl/.ndjson/.json,
 * .parquet/.pq, each optionally followed by a compression extension such as .gz).
 */
export function detectFileFormat(file: string, override?: string): FileFormat {
  if (override !== undefined) {
    if (!isFileFormat(override)) {
      throw new TabularError(`unknown file format ${JSON.stringify(override)} (expected one of ${FILE_FORMATS.join(', ')})`, 'unknown-format');
    }
    return override;
  }
  let name = path.basename(file).toLowerCase();
  const compression = COMPRESSION_EXTENSIONS.find((ext) => name.endsWith(ext));
  if (compression) name = name.slice(0, -compression.length);
  const format = BY_EXTENSION[path.extname(name)];
  if (format === undefined) {
    throw new TabularError(
      `cannot tell the format of ${file} from its extension (use .csv, .jsonl, .ndjson, .json or .parquet)`,
      'unknown-format',
    );
  }
  return format;
}

/** True for a file the engine would decompress (chosen by its extension, whatever the format). */
export function isCompressedFile(file: string): boolean {
  const name = path.basename(file).toLowerCase();
  return COMPRESSION_EXTENSIONS.some((ext) => name.endsWith(ext));
}
