import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ColumnKind, ColumnScan } from './column-scan';
import { CellDictionary } from './cell-dictionary';
import { decimalEnd, decimalOfBytes, isMissingText, numberOfText, scanDecimal } from './csv-cell.util';
import { radixSortFloat64 } from './radix-sort.util';
import { sortCountsUtf8 } from './utf8-order.util';

/*
 * A CSV reader for `driftwatch compare` that types the columns while it reads, without the
 * embedded engine: numeric cells go straight from the file's bytes into Float64Arrays, text
 * cells into count maps. Why a hand-written parser: the engine spends about 3 CPU-seconds per
 * 124 MB bench file (1M rows x 20 columns) and holds about 1 GB while it aggregates; csv-parse
 * 6.2.1 hands every cell over as a string, and only splitting that file into records took it
 * 8.5-9 CPU-seconds (measured 2026-12, same machine and load, streaming 1 MB chunks), against
 * 0.95 s for this reader with the typing included.
 *
 * It reads exactly the CSV the engine reads as CSVWithNames with every column Nullable(String)
 * (see table-source.ts), and gives the same counts and values; anything whose engine reading it
 * does not reproduce — a blank line, a ragged row, a lone CR, text after a closing quote, an
 * empty, repeated or space-padded column name (the engine trims names, even quoted ones), an
 * unquoted `\N` as a name, invalid UTF-8, a file with no rows — stops it with
 * CsvNotPlainError, and the caller reads the file with the engine instead (which then also
 * words the error). What it reproduces, checked against the engine in csv-columns.spec.ts:
 * an optional UTF-8 BOM; LF or CRLF line ends, the last one optional; fields in double quotes
 * with `""` for a quote and line breaks inside; spaces and tabs around an unquoted field or
 * around the quotes dropped; an unquoted empty field and an unquoted `\N` are NULL (missing);
 * any other text as written (single quotes and backslashes are ordinary characters).
 */

/** The file holds something only the engine reads as it does; `message` says what. */
export class CsvNotPlainError extends Error {
  override readonly name = 'CsvNotPlainError';
}

/** How to read a column: a decided kind, or 'infer' (numeric when every non-missing cell is a number). */
export type CsvColumnMode = ColumnKind | 'infer';

/** One column as read, before its kind is settled (see csvColumnScan). */
export interface CsvColumnRead {
  name: string;
  mode: CsvColumnMode;
  missing: number;
  /** numeric/infer: non-missing cells that are not numbers. */
  nonNumeric: number;
  /**
   * numeric/infer: the numbers, in file order, or ascending with `sort`; empty for categorical.
   * A view on a buffer of its own, possibly longer (the capacity allocated while reading).
   */
  values: Float64Array;
  /**
   * Count per cell text, keys in UTF-8 byte order: categorical — every non-missing cell;
   * infer — the non-missing cells that are not numbers; numeric — empty.
   */
  texts: Map<string, number>;
}

export interface CsvRead {
  file: string;
  rows: number;
  /** The requested columns, in the requested order. */
  columns: CsvColumnRead[];
}

export interface CsvReadOptions {
  /** Columns to read, in this order (default: all, in file order); each must be in the header. */
  columns?: readonly string[];
  /** Decided kinds; other columns are read as 'infer'. */
  kinds?: ReadonlyMap<string, ColumnKind>;
  /** Sort every column's numbers in place (Float64Array#sort order) before returning. */
  sort?: boolean;
  /** Read size (tests use small ones to cross chunk boundaries everywhere). */
  chunkBytes?: number;
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;
const BACKSLASH = 92;

/** Field flags. */
const UNQUOTED = 0;
const QUOTED = 1;
/** Quoted and holding `""`: the text needs unescaping. */
const ESCAPED = 2;
/** An unquoted `\N`: NULL for the engine. */
const NULL_FIELD = 3;

/** The column names of a CSV file's header row. */
export function readCsvHeader(file: string): string[] {
  const reader = new RecordReader(file, 64 * 1024);
  try {
    return reader.header();
  } finally {
    reader.close();
  }
}

/** Reads a CSV file (header row first) into typed columns; see the comment at the top of this file. */
export function readCsvColumns(file: string, options: CsvReadOptions = {}): CsvRead {
  const reader = new RecordReader(file, options.chunkBytes ?? 1 << 20);
  try {
    const header = reader.header();
    const names = options.columns ?? header;
    const position = new Map(header.map((n, i) => [n, i]));
    const byField: (ColumnAccumulator | undefined)[] = new Array(header.length).fill(undefined);
    const estimatedRows = reader.estimateRows();
    const accumulators = names.map((name) => {
      const field = position.get(name);
      if (field === undefined) throw new CsvNotPlainError(`${file} has no column ${JSON.stringify(name)}`);
      if (byField[field] !== undefined) throw new CsvNotPlainError(`column ${JSON.stringify(name)} requested twice`);
      const acc = new ColumnAccumulator(name, options.kinds?.get(name) ?? 'infer', estimatedRows);
      byField[field] = acc;
      return acc;
    });
    let rows = 0;
    for (;;) {
      const plainEnd = reader.plainRunEnd();
      if (plainEnd > reader.pos) {
        rows += readPlainRun(file, reader.buf, reader.pos, plainEnd, byField, rows);
        reader.pos = plainEnd;
        continue;
      }
      if (!reader.nextRecord()) break;
      // The engine reads a blank line as a row of NULL in a one-column file and rejects it otherwise.
      if (reader.fieldCount === 1 && reader.flags[0] === UNQUOTED && reader.ends[0] === reader.starts[0]) {
        throw new CsvNotPlainError(`${file} has a blank line after row ${rows}`);
      }
      if (reader.fieldCount !== header.length) {
        throw new CsvNotPlainError(`${file} row ${rows + 1} has ${reader.fieldCount} fields, the header ${header.length}`);
      }
      const b = reader.buf;
      for (let f = 0; f < byField.length; f++) {
        const acc = byField[f];
        if (acc !== undefined) acc.add(b, reader.starts[f], reader.ends[f], reader.flags[f]);
      }
      rows++;
    }
    if (rows === 0) throw new CsvNotPlainError(`${file} has no rows`);
    return { file, rows, columns: accumulators.map((a) => a.finish(options.sort === true)) };
  } finally {
    reader.close();
  }
}

/**
 * Reads the whole records in `buf[from, to)`, a run without any double quote (see
 * RecordReader.plainRunEnd), and returns how many there were. The hot loop: a numeric cell is
 * parsed while its end is looked for, so its bytes are read once; anything else goes through
 * the same trimming and ColumnAccumulator.add as a tokenised record.
 */
function readPlainRun(file: string, buf: Buffer, from: number, to: number, byField: (ColumnAccumulator | undefined)[], before: number): number {
  const fields = byField.length;
  let rows = 0;
  let i = from;
  while (i < to) {
    for (let f = 0; f < fields; f++) {
      const acc = byField[f];
      let j: number;
      if (acc !== undefined && acc.numbersFirst) {
        const v = scanDecimal(buf, i, to);
        j = decimalEnd;
        const c = j < to ? buf[j] : LF;
        if (v === v && (c === COMMA || c === LF || c === CR)) acc.push(v);
        else j = addField(buf, i, to, acc, fields);
      } else {
        j = addField(buf, i, to, acc, fields);
      }
      const c = j < to ? buf[j] : LF;
      if (f < fields - 1) {
        if (j === i && f === 0 && (c === LF || c === CR)) throw new CsvNotPlainError(`${file} has a blank line after row ${before + rows}`);
        if (c !== COMMA) throw new CsvNotPlainError(`${file} row ${before + rows + 1} has ${f + 1} fields, the header ${fields}`);
        i = j + 1;
      } else if (c === LF) {
        i = j + 1;
      } else if (c === CR) {
        if (j + 1 < to && buf[j + 1] !== LF) throw new CsvNotPlainError(`${file} has a carriage return without a line feed`);
        i = j + 2;
      } else {
        throw new CsvNotPlainError(`${file} row ${before + rows + 1} has more fields than the header's ${fields}`);
      }
    }
    rows++;
  }
  return rows;
}

/** An unquoted field starting at `i`: trimmed and added to `acc` (when read); returns where it ends. */
function addField(buf: Buffer, i: number, to: number, acc: ColumnAccumulator | undefined, fields: number): number {
  let j = i;
  while (j < to) {
    const c = buf[j];
    if (c === COMMA || c === LF || c === CR) break;
    j++;
  }
  let start = i;
  let end = j;
  while (start < end && (buf[start] === SPACE || buf[start] === TAB)) start++;
  while (end > start && (buf[end - 1] === SPACE || buf[end - 1] === TAB)) end--;
  // A blank line: the engine reads it as a row of NULL in a one-column file and rejects it otherwise.
  if (fields === 1 && start === end) throw new CsvNotPlainError('a one-column file has a blank line');
  if (acc !== undefined) {
    const flag = j - i === 2 && buf[i] === BACKSLASH && buf[i + 1] === 78 /* N */ ? NULL_FIELD : UNQUOTED;
    acc.add(buf, start, end, flag);
  }
  return j;
}

/** Numbers and texts of one column, collected cell by cell. */
class ColumnAccumulator {
  /** Cells are tried as plain decimals first. */
  readonly numbersFirst: boolean;
  private missing = 0;
  private nonNumeric = 0;
  private values: Float64Array = new Float64Array(0);
  private length = 0;
  /** Cells that do not read as plain decimals, by their bytes (see CellDictionary). */
  private readonly dictionary = new CellDictionary();
  /** Texts kept outside the dictionary: number-like cells that are not numbers, and quoted cells with `""`. */
  private readonly otherTexts = new Map<string, number>();

  constructor(
    private readonly name: string,
    private readonly mode: CsvColumnMode,
    private readonly estimatedRows: number,
  ) {
    this.numbersFirst = mode !== 'categorical';
  }

  add(buf: Buffer, start: number, end: number, flag: number): void {
    if (flag === NULL_FIELD || (start === end && flag === UNQUOTED)) {
      this.missing++;
      return;
    }
    if (flag === ESCAPED) {
      this.addText(cellText(buf, start, end, flag));
      return;
    }
    if (this.mode !== 'categorical') {
      // A quoted cell holds the same text unquoted: a plain decimal either way.
      const v = decimalOfBytes(buf, start, end);
      if (v === v) {
        this.push(v);
        return;
      }
      // Mostly numbers too long for the fast path (17 digits): one of a kind, not worth a dictionary entry.
      const c = buf[start];
      if ((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43) {
        this.addText(cellText(buf, start, end, flag));
        return;
      }
    }
    const dictionary = this.dictionary;
    let e = dictionary.find(buf, start, end, flag);
    if (e < 0) {
      const text = cellText(buf, start, end, flag);
      if (isMissingText(text)) e = dictionary.insert(buf, start, end, flag, CellDictionary.MISSING, 0, '');
      else {
        const v = this.mode === 'categorical' ? NaN : numberOfText(text);
        e = v === v ? dictionary.insert(buf, start, end, flag, CellDictionary.NUMBER, v, '') : dictionary.insert(buf, start, end, flag, CellDictionary.TEXT, 0, text);
      }
    }
    dictionary.counts[e]++;
    if (dictionary.classes[e] === CellDictionary.NUMBER) this.push(dictionary.numbers[e]);
  }

  finish(sort: boolean): CsvColumnRead {
    const texts = new Map<string, number>();
    const addCount = (text: string, n: number) => {
      if (this.mode === 'numeric') this.nonNumeric += n;
      else texts.set(text, (texts.get(text) ?? 0) + n);
    };
    const d = this.dictionary;
    for (let e = 0; e < d.size; e++) {
      if (d.classes[e] === CellDictionary.MISSING) this.missing += d.counts[e];
      else if (d.classes[e] === CellDictionary.TEXT) addCount(d.texts[e], d.counts[e]);
    }
    for (const [text, n] of this.otherTexts) addCount(text, n);
    if (this.mode === 'infer') for (const n of texts.values()) this.nonNumeric += n;
    // A view, not a copy: the copy would be a second column until the next garbage collection.
    // The buffer is this column's alone, so it can move to another thread whole.
    let values = this.values.subarray(0, this.length);
    this.values = new Float64Array(0);
    if (sort) values = radixSortFloat64(values);
    return { name: this.name, mode: this.mode, missing: this.missing, nonNumeric: this.nonNumeric, values, texts: sortCountsUtf8(texts) };
  }

  /** A cell outside the dictionary, by its text. */
  private addText(text: string): void {
    if (isMissingText(text)) {
      this.missing++;
      return;
    }
    const v = this.mode === 'categorical' ? NaN : numberOfText(text);
    if (v === v) this.push(v);
    else this.otherTexts.set(text, (this.otherTexts.get(text) ?? 0) + 1);
  }

  push(v: number): void {
    if (this.length === this.values.length) {
      // The first number allocates for the whole file (columns of text never do); a low estimate grows by half.
      const size = this.length === 0 ? this.estimatedRows : Math.ceil(this.values.length * 1.5);
      const grown = new Float64Array(Math.max(1024, size));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = v;
  }
}

function cellText(buf: Buffer, start: number, end: number, flag: number): string {
  const text = buf.toString('utf8', start, end);
  if (text.includes('\uFFFD') && Buffer.byteLength(text) !== end - start) {
    throw new CsvNotPlainError('a cell is not valid UTF-8');
  }
  return flag === ESCAPED ? text.replaceAll('""', '"') : text;
}

/**
 * Splits the file into records, reading it in chunks; a record is tokenised whole (its fields'
 * byte ranges in `starts`/`ends`, trimmed and unquoted, and `flags`) before any cell is used,
 * so one that crosses a chunk's end is read again from its start after the next read.
 */
class RecordReader {
  buf: Buffer;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  flags = new Uint8Array(64);
  fieldCount = 0;
  private readonly fd: number;
  private readonly size: number;
  pos = 0;
  private limit = 0;
  private eof = false;
  private fileOffset = 0;

  constructor(
    private readonly file: string,
    chunkBytes: number,
  ) {
    this.fd = openSync(file, 'r');
    this.size = fstatSync(this.fd).size;
    this.buf = Buffer.allocUnsafe(Math.max(16, chunkBytes));
  }

  close(): void {
    closeSync(this.fd);
  }

  header(): string[] {
    this.fill();
    if (this.limit >= 3 && this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) this.pos = 3;
    if (!this.nextRecord()) throw new CsvNotPlainError(`${this.file} has no header`);
    const names: string[] = [];
    for (let f = 0; f < this.fieldCount; f++) {
      if (this.flags[f] === NULL_FIELD) throw new CsvNotPlainError(`${this.file} has a column named \\N`);
      const name = cellText(this.buf, this.starts[f], this.ends[f], this.flags[f]);
      if (name.trim() !== name) throw new CsvNotPlainError(`${this.file} has a column name with spaces around it`);
      if (name === '') throw new CsvNotPlainError(`${this.file} has a column without a name`);
      if (names.includes(name)) throw new CsvNotPlainError(`${this.file} has two columns named ${JSON.stringify(name)}`);
      names.push(name);
    }
    return names;
  }

  /** Rows the file holds, judged by the line length seen so far; an allocation hint only. */
  estimateRows(): number {
    const seen = this.fileOffset - (this.limit - this.pos);
    let lines = 0;
    for (let i = this.pos; i < this.limit; i++) if (this.buf[i] === LF) lines++;
    if (lines === 0) return 1024;
    const bytesPerLine = (this.limit - this.pos) / lines;
    return Math.ceil(((this.size - seen) / bytesPerLine) * 1.02) + 16;
  }

  /**
   * The end of the whole records from `pos` on that hold no double quote (every line feed then
   * ends a record): `pos` itself when there are none buffered; reads more when the buffer is used up.
   */
  plainRunEnd(): number {
    if (this.pos >= this.limit) {
      if (this.eof) return this.pos;
      this.fill();
    }
    let end = this.eof ? this.limit : this.buf.lastIndexOf(LF, this.limit - 1) + 1;
    if (end <= this.pos) return this.pos;
    const quote = this.buf.indexOf(QUOTE, this.pos);
    if (quote >= 0 && quote < end) end = this.buf.lastIndexOf(LF, quote) + 1;
    return Math.max(end, this.pos);
  }

  /** Tokenises the next record; false at the end of the file. */
  nextRecord(): boolean {
    for (;;) {
      if (this.pos >= this.limit) {
        if (this.eof) return false;
        this.fill();
        continue;
      }
      const next = this.tokenize(this.pos);
      if (next >= 0) {
        this.pos = next;
        return true;
      }
      if (this.eof) throw new CsvNotPlainError(`${this.file} ends inside a quoted field`);
      this.fill();
    }
  }

  /** Moves the unread bytes to the front and reads more; grows the buffer when one record fills it. */
  private fill(): void {
    const rest = this.limit - this.pos;
    if (this.pos === 0 && rest === this.buf.length) {
      const grown = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(grown, 0, 0, rest);
      this.buf = grown;
    } else if (rest > 0) {
      this.buf.copy(this.buf, 0, this.pos, this.limit);
    }
    this.pos = 0;
    this.limit = rest;
    while (this.limit < this.buf.length) {
      const n = readSync(this.fd, this.buf, this.limit, this.buf.length - this.limit, this.fileOffset);
      if (n === 0) {
        this.eof = true;
        break;
      }
      this.limit += n;
      this.fileOffset += n;
    }
  }

  /**
   * Tokenises the record starting at `pos`: the position after its line end, or -1 when the
   * buffered bytes end first (and the file does not).
   */
  private tokenize(pos: number): number {
    const buf = this.buf;
    const limit = this.limit;
    let fields = 0;
    let i = pos;
    for (;;) {
      if (fields === this.starts.length) this.growFields();
      let start = i;
      while (start < limit && (buf[start] === SPACE || buf[start] === TAB)) start++;
      let end: number;
      let flag: number;
      let after: number;
      if (start < limit && buf[start] === QUOTE) {
        flag = QUOTED;
        let j = start + 1;
        for (;;) {
          const q = buf.indexOf(QUOTE, j);
          if (q < 0 || q >= limit) return this.eof ? this.fail('ends inside a quoted field') : -1;
          if (q + 1 >= limit && !this.eof) return -1;
          if (q + 1 < limit && buf[q + 1] === QUOTE) {
            flag = ESCAPED;
            j = q + 2;
            continue;
          }
          end = q;
          break;
        }
        start++;
        after = end + 1;
        while (after < limit && (buf[after] === SPACE || buf[after] === TAB)) after++;
      } else {
        let j = i;
        while (j < limit) {
          const c = buf[j];
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        after = j;
        end = j;
        while (end > start && (buf[end - 1] === SPACE || buf[end - 1] === TAB)) end--;
        flag = end - i === 2 && buf[i] === BACKSLASH && buf[i + 1] === 78 /* N */ ? NULL_FIELD : UNQUOTED;
      }
      this.starts[fields] = start;
      this.ends[fields] = end;
      this.flags[fields] = flag;
      fields++;
      if (after >= limit) {
        if (!this.eof) return -1;
        this.fieldCount = fields;
        return limit;
      }
      const c = buf[after];
      if (c === COMMA) {
        i = after + 1;
        continue;
      }
      if (c === LF) {
        this.fieldCount = fields;
        return after + 1;
      }
      if (c === CR) {
        if (after + 1 >= limit) {
          if (!this.eof) return -1;
          this.fieldCount = fields;
          return limit;
        }
        if (buf[after + 1] !== LF) return this.fail('has a carriage return without a line feed');
        this.fieldCount = fields;
        return after + 2;
      }
      return this.fail('has text after the closing quote of a field');
    }
  }

  private fail(problem: string): never {
    throw new CsvNotPlainError(`${this.file} ${problem}`);
  }

  private growFields(): void {
    const n = this.starts.length * 2;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const flags = new Uint8Array(n);
    starts.set(this.starts);
    ends.set(this.ends);
    flags.set(this.flags);
    [this.starts, this.ends, this.flags] = [starts, ends, flags];
  }
}

/**
 * The columns of `read` as readSource gives the engine's reading (numbers sorted when `read`
 * was read with `sort`). A column's kind: `kinds` when it names it (a current file takes the
 * reference's), else the one read with, else inferred — numeric when every non-missing cell
 * is a number. A categorical column read as numbers and holding some is read again as
 * categorical (the texts of its number cells were not kept), as readSource does in its second
 * pass; its categories in the same order: when inferred, the other texts first.
 */
export function settleCsvColumns(read: CsvRead, kinds?: ReadonlyMap<string, ColumnKind>): ColumnScan[] {
  return read.columns.map((column) => {
    const inferred = column.mode === 'infer' ? (column.nonNumeric === 0 ? 'numeric' : 'categorical') : column.mode;
    const kind = kinds?.get(column.name) ?? inferred;
    const { name, missing } = column;
    const rows = read.rows;
    if (kind === 'numeric') {
      if (column.mode === 'categorical') throw new RangeError(`column ${JSON.stringify(name)} was read as categorical, not as numbers`);
      return { name, kind, rows, missing, typeErrors: column.nonNumeric, sorted: column.values };
    }
    if (column.mode === 'categorical' || column.values.length === 0) return { name, kind, rows, missing, typeErrors: 0, counts: column.texts };
    const again = readCsvColumns(read.file, { columns: [name], kinds: new Map([[name, 'categorical']]) }).columns[0];
    let counts = again.texts;
    if (kinds?.get(name) === undefined) {
      counts = new Map(column.texts);
      for (const [text, n] of again.texts) if (!counts.has(text)) counts.set(text, n);
    }
    return { name, kind, rows, missing: again.missing, typeErrors: 0, counts };
  });
}
