import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnKind, ColumnScan } from './column-scan';
import { CsvNotPlainError, readCsvColumns, readCsvHeader, settleCsvColumns } from './csv-columns';
import { decimalOfBytes } from './csv-cell.util';
import { scanSource } from './scan-table';
import { openTableSource } from './table-source';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'driftwatch-csv-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  writeFileSync(file, content);
  return file;
}

/** Seeded, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A cell as written in the file: `raw` verbatim, or `text` quoted when it must be (else at random). */
type Cell = { raw: string } | { text: string };

const NUMERIC_SPELLINGS = [
  '1', '-2.5', '+5', '5.', '.5', '+.5', '-.5e-3', '5.e3', '1e3', '1E+03', '007', '-0', '0e0', '-0.0', '1e309', '-1e309', '1e-400', '4.9e-324',
  '2.2250738585072014e-308', '0.30000000000000004', '9007199254740993', '123456789012345678901234', '0.1234567890123456789',
  '1e22', '1e23', '123e-22', '123e-23', '0e99999', 'inf', '-Infinity', '+INF', 'infinity', 'iNf', 'nan', '-nan', 'NAN',
  'na', 'None', '#N/A', 'n/a', 'abc', '1,5', '1_000', '0x1F', '0b1', '0o7', '1e', 'e5', '.', '-', '+', '1 2', '12abc', '1.2.3', '1e+', '-.e1', '--1',
  ' 12 ', '\t3\t', '\v4', '5\f', '1\u00a0', '\u00a01', '١', '½',
];
const MISSING_SPELLINGS = ['', ' ', 'NA', 'NaN', 'N/A', 'null', 'NULL', ' NA ', '\tnull'];
const TEXTS = [
  'north', 'south', 'a,b', 'say "hi"', 'two\nlines', 'crlf\r\nin', "it's", "'quoted'", 'back\\slash', '\\N', ' \\N ', '\\Nx',
  ' padded ', '\tx', '\vx', 'é', 'z', 'Z', '日本', '😀', '\uE000', 'ü', '', 'NULL', '#', '"',
];

const cellOf = (text: string): Cell => ({ text });

function serialize(cell: Cell, rnd: () => number): string {
  if ('raw' in cell) return cell.raw;
  const t = cell.text;
  const mustQuote = /[",\r\n]/.test(t) || /^[ \t]*"/.test(t) || t === '\\N';
  return mustQuote || rnd() < 0.3 ? `"${t.replaceAll('"', '""')}"` : t;
}

/**
 * A file whose every column mixes the spellings above with plain values: `num` numbers and a
 * few oddities, `mixed` numbers and texts, `cat` texts, `code` integer codes, `empty` nothing.
 */
function mixedCsv(seed: number, rows: number, lineEnd: string): string {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const plainNumber = () => (rnd() < 0.5 ? ((rnd() - 0.5) * 2000).toFixed(Math.floor(rnd() * 6)) : String(Math.floor(rnd() * 40)));
  const lines = ['num,mixed,cat,"co,""de""",empty'];
  for (let r = 0; r < rows; r++) {
    const u = rnd();
    const num: Cell = u < 0.8 ? { raw: plainNumber() } : u < 0.97 ? cellOf(pick([...NUMERIC_SPELLINGS, ...MISSING_SPELLINGS])) : { raw: '\\N' };
    const mixed: Cell = rnd() < 0.6 ? { raw: plainNumber() } : cellOf(pick([...TEXTS, ...NUMERIC_SPELLINGS]));
    const cat: Cell = rnd() < 0.05 ? { raw: '\\N' } : cellOf(pick([...TEXTS, ...MISSING_SPELLINGS]));
    const code: Cell = cellOf(pick(['01', '1', '1.0', '2', ' 3', 'NA']));
    const empty: Cell = cellOf(pick(MISSING_SPELLINGS));
    lines.push([num, mixed, cat, code, empty].map((c) => serialize(c, rnd)).join(','));
  }
  return lines.join(lineEnd) + (seed % 2 === 0 ? lineEnd : '');
}

async function engineColumns(file: string, kinds?: ReadonlyMap<string, ColumnKind>): Promise<{ rows: number; columns: ColumnScan[] }> {
  const source = await openTableSource(file);
  try {
    return await scanSource(source, { kinds });
  } finally {
    await source.release();
  }
}

function readerColumns(file: string, forced?: ReadonlyMap<string, ColumnKind>, settled?: ReadonlyMap<string, ColumnKind>, chunkBytes?: number) {
  const read = readCsvColumns(file, { kinds: forced, sort: true, chunkBytes });
  return { rows: read.rows, columns: settleCsvColumns(read, settled) };
}

/** Comparable form: every double by its bits (-0 included), category maps in their order. */
function comparable(columns: ColumnScan[]) {
  return columns.map((c) => ({
    ...c,
    sorted: c.kind === 'numeric' ? Array.from(c.sorted, (v) => (Object.is(v, -0) ? '-0' : v)) : undefined,
    counts: c.kind === 'categorical' ? [...c.counts] : undefined,
  }));
}

describe('readCsvColumns gives what the engine path gives', () => {
  const variants: [string, number, string, boolean][] = [
    ['LF, final line end', 2, '\n', false],
    ['CRLF, no final line end', 3, '\r\n', false],
    ['BOM and CRLF', 4, '\r\n', true],
  ];
  it.each(variants)('%s: inferred kinds, forced kinds, and a current file read with the reference kinds', async (_name, seed, lineEnd, bom) => {
    const text = mixedCsv(seed, 3000, lineEnd);
    const file = write(`mixed-${seed}.csv`, bom ? '\ufeff' + text : text);
    expect(readCsvHeader(file)).toEqual(['num', 'mixed', 'cat', 'co,"de"', 'empty']);

    const inferred = await engineColumns(file);
    expect(inferred.columns.map((c) => c.kind)).toEqual(['categorical', 'categorical', 'categorical', 'numeric', 'numeric']);
    const mine = readerColumns(file);
    expect(mine.rows).toBe(3000);
    expect(comparable(mine.columns)).toEqual(comparable(inferred.columns));

    // The user's kinds; `num` as numbers counts its type errors.
    const forced = new Map<string, ColumnKind>([
      ['num', 'numeric'],
      ['mixed', 'numeric'],
      ['co,"de"', 'categorical'],
    ]);
    const engineForced = await engineColumns(file, forced);
    expect(comparable(readerColumns(file, forced, forced).columns)).toEqual(comparable(engineForced.columns));
    const num = engineForced.columns[0];
    expect(num.kind === 'numeric' && num.typeErrors > 0 && num.sorted.length > 2000).toBe(true);

    // A current file is read inferring, then settled with the reference's kinds (the engine reads it with them).
    const reference = new Map<string, ColumnKind>([
      ['num', 'numeric'],
      ['mixed', 'categorical'],
      ['cat', 'categorical'],
      ['co,"de"', 'numeric'],
      ['empty', 'categorical'],
    ]);
    expect(comparable(readerColumns(file, undefined, reference).columns)).toEqual(comparable((await engineColumns(file, reference)).columns));
  }, 120_000);

  it('reads the same whatever the read size (records across chunk ends, buffer growth)', () => {
    const file = write('chunks.csv', mixedCsv(7, 400, '\r\n'));
    const whole = comparable(readerColumns(file).columns);
    for (const chunkBytes of [16, 61, 257]) expect(comparable(readerColumns(file, undefined, undefined, chunkBytes).columns)).toEqual(whole);
  });

  it('a numeric column of plain numbers: every value, file order unless sorted', () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? -(i + 1) / 8 : i * 1.25));
    const file = write('plain.csv', 'x,y\n' + values.map((v, i) => `${v},${i % 3 === 0 ? '' : 'k' + (i % 4)}`).join('\n') + '\n');
    const read = readCsvColumns(file);
    expect(Array.from(read.columns[0].values)).toEqual(values);
    expect(read.columns[1]).toMatchObject({ mode: 'infer', missing: 1667, nonNumeric: 3333, values: new Float64Array(0) });
    expect([...read.columns[1].texts.keys()]).toEqual(['k0', 'k1', 'k2', 'k3']);
    expect(Array.from(readCsvColumns(file, { sort: true }).columns[0].values)).toEqual(values.slice().sort((a, b) => a - b));
  });
});

describe('readCsvColumns leaves to the engine what it does not read as the engine does', () => {
  it.each([
    ['blank line', 'a,b\n1,2\n\n3,4\n'],
    ['blank line in a one-column file', 'a\n1\n\n3\n'],
    ['trailing blank line', 'a,b\n1,2\n\n'],
    ['ragged row (more fields)', 'a,b\n1,2,3\n'],
    ['ragged row (fewer fields)', 'a,b\n1\n'],
    ['ragged quoted row', 'a,b\n"1"\n'],
    ['lone CR', 'a,b\n1,2\r3,4\n'],
    ['text after a closing quote', 'a,b\n"x"y,z\n'],
    ['unterminated quote', 'a,b\n"x,y\n'],
    ['empty column name', 'a,,b\n1,2,3\n'],
    ['repeated column name', 'a,a\n1,2\n'],
    ['column name with spaces around (the engine trims even quoted names)', '" a ",b\n1,2\n'],
    ['header only', 'a,b\n'],
    ['invalid UTF-8', Buffer.concat([Buffer.from('a\n'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')])],
  ])('%s', (name, content) => {
    const file = write(`bad-${name.replace(/\W+/g, '-')}.csv`, content);
    expect(() => readCsvColumns(file)).toThrow(CsvNotPlainError);
  });

  it('a requested column the header lacks', () => {
    const file = write('cols.csv', 'a,b\n1,2\n');
    expect(() => readCsvColumns(file, { columns: ['c'] })).toThrow(/has no column "c"/);
  });
});

describe('decimalOfBytes', () => {
  it('is Number() exactly wherever it answers, and answers for short plain decimals', () => {
    const rnd = random(11);
    const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(rnd() * 10))).join('');
    let answered = 0;
    for (let k = 0; k < 50_000; k++) {
      const sign = ['', '-', '+'][Math.floor(rnd() * 3)];
      const int = digits(Math.floor(rnd() * 12));
      const frac = rnd() < 0.7 ? '.' + digits(Math.floor(rnd() * 12)) : '';
      const exp = rnd() < 0.3 ? `${rnd() < 0.5 ? 'e' : 'E'}${['', '-', '+'][Math.floor(rnd() * 3)]}${digits(Math.floor(rnd() * 3))}` : '';
      const s = sign + int + frac + exp;
      const v = decimalOfBytes(Buffer.from(s), 0, s.length);
      if (v !== v) continue;
      answered++;
      expect(Object.is(v, Number(s)), s).toBe(true);
    }
    expect(answered).toBeGreaterThan(20_000);
  });

  it('reads only its range and refuses anything but a plain decimal', () => {
    const buf = Buffer.from('x12.5e1,');
    expect(decimalOfBytes(buf, 1, 7)).toBe(125);
    expect(decimalOfBytes(buf, 1, 5)).toBe(12.5);
    for (const s of ['', '.', '-', 'e5', '1e', '1e+', ' 1', '1 ', '0x1', 'inf', '1_0', '1.2.3', '123456789012345678']) {
      expect(decimalOfBytes(Buffer.from(s), 0, s.length), s).toBeNaN();
    }
  });
});
