import { isMissingToken, parseNumericCell } from '@driftwatch/stats';
import { queryBindAsync } from 'chdb';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnScan } from './column-scan';
import { scanTable } from './scan-table';
import { TabularError } from './tabular-error';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'driftwatch-tabular-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

function column(scan: { columns: ColumnScan[] }, name: string): ColumnScan {
  const c = scan.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

/** Cells whose classification is easy to get wrong; ASCII whitespace only (see cellSql). */
const TRICKY_CELLS = [
  '1', '-2.5', '+5', '5.', '.5', '-.5e-3', '1e3', '1E+03', '007', '-0', '0e0', '1e309', '-1e309', '1e-400', '4.9e-324',
  '0.30000000000000004', '9007199254740993', 'inf', '-Infinity', '+INF', 'infinity', 'iNf',
  '', ' ', 'NA', 'NaN', 'N/A', 'null', 'NULL', ' NA ', '\tnull',
  'nan', '-nan', 'na', 'None', '#N/A', 'n/a', 'abc', '1,5', '1_000', '0x1F', '0b1', '0o7', '1e', 'e5', '.', '-', '1 2', '12abc', '1.2.3',
  ' 12 ', '\t3\t',
];

/** What @driftwatch/stats says about the cells: missing count, type errors, the sorted numbers. */
function classifyInJs(cells: string[]): { missing: number; typeErrors: number; numbers: number[] } {
  let missing = 0;
  let typeErrors = 0;
  const numbers: number[] = [];
  for (const cell of cells) {
    const v = parseNumericCell(cell);
    if (v === null) missing++;
    else if (v === 'type-error') typeErrors++;
    else numbers.push(v);
  }
  return { missing, typeErrors, numbers: numbers.sort((a, b) => a - b) };
}

describe('scanTable cell classification matches parseNumericCell / isMissingToken', () => {
  const want = classifyInJs(TRICKY_CELLS);

  it('CSV (quoted cells keep their whitespace)', async () => {
    const csv = 'x\n' + TRICKY_CELLS.map((c) => `"${c}"`).join('\n') + '\n';
    const scan = await scanTable(write('tricky.csv', csv), { kinds: new Map([['x', 'numeric']]) });
    const x = column(scan, 'x');
    expect(scan.rows).toBe(TRICKY_CELLS.length);
    expect({ missing: x.missing, typeErrors: x.typeErrors }).toEqual({ missing: want.missing, typeErrors: want.typeErrors });
    expect(x.kind === 'numeric' && Array.from(x.sorted)).toEqual(want.numbers);
  });

  it('JSON Lines strings', async () => {
    const jsonl = TRICKY_CELLS.map((c) => JSON.stringify({ x: c })).join('\n') + '\n';
    const x = column(await scanTable(write('tricky.jsonl', jsonl), { kinds: new Map([['x', 'numeric']]) }), 'x');
    expect({ missing: x.missing, typeErrors: x.typeErrors }).toEqual({ missing: want.missing, typeErrors: want.typeErrors });
    expect(x.kind === 'numeric' && Array.from(x.sorted)).toEqual(want.numbers);
  });

  it('a categorical column counts every non-missing cell by its text', async () => {
    const jsonl = TRICKY_CELLS.map((c) => JSON.stringify({ x: c })).join('\n') + '\n';
    const x = column(await scanTable(write('tricky-cat.jsonl', jsonl), { kinds: new Map([['x', 'categorical']]) }), 'x');
    const counts = new Map<string, number>();
    for (const c of TRICKY_CELLS) if (!isMissingToken(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(x).toMatchObject({ kind: 'categorical', missing: TRICKY_CELLS.length - [...counts.values()].reduce((a, b) => a + b), typeErrors: 0 });
    expect(x.kind === 'categorical' && x.counts).toEqual(counts);
  });
});

describe('scanTable kind inference', () => {
  it('numeric when every non-missing cell is a number; categorical otherwise, counting number-like cells too', async () => {
    const csv = ['n,mixed,text,blank,code', '1.5,1,a,,01', 'NA,x,b,,02', '-2,1,a,,01', '3e1,1.0,,,10'].join('\n') + '\n';
    const scan = await scanTable(write('kinds.csv', csv));
    expect(scan.rows).toBe(4);
    expect(column(scan, 'n')).toMatchObject({ kind: 'numeric', rows: 4, missing: 1, typeErrors: 0, sorted: Float64Array.from([-2, 1.5, 30]) });
    // Needs the second pass: "1" and "1.0" are distinct categories, as written.
    expect(column(scan, 'mixed')).toMatchObject({ kind: 'categorical', missing: 0, counts: new Map([['1', 2], ['x', 1], ['1.0', 1]]) });
    expect(column(scan, 'text')).toMatchObject({ kind: 'categorical', missing: 1, counts: new Map([['a', 2], ['b', 1]]) });
    // All missing: vacuously numeric, with no values.
    expect(column(scan, 'blank')).toMatchObject({ kind: 'numeric', missing: 4, typeErrors: 0, sorted: new Float64Array(0) });
    expect(column(scan, 'code')).toMatchObject({ kind: 'numeric', sorted: Float64Array.from([1, 1, 2, 10]) });
  });

  it('given kinds win: forced categorical keeps the text, forced numeric counts type errors', async () => {
    const csv = 'code,v\n01,1\n02,x\n01,2\n';
    const scan = await scanTable(write('forced.csv', csv), {
      kinds: new Map([
        ['code', 'categorical'],
        ['v', 'numeric'],
      ]),
    });
    expect(column(scan, 'code')).toMatchObject({ kind: 'categorical', counts: new Map([['01', 2], ['02', 1]]) });
    expect(column(scan, 'v')).toMatchObject({ kind: 'numeric', typeErrors: 1, missing: 0, sorted: Float64Array.from([1, 2]) });
  });

  it('reads only the requested columns, in the requested order', async () => {
    const scan = await scanTable(write('cols.csv', 'a,b,c\n1,2,3\n'), { columns: ['c', 'a'] });
    expect(scan.columns.map((c) => c.name)).toEqual(['c', 'a']);
    await expect(scanTable(path.join(tmp, 'cols.csv'), { columns: ['z'] })).rejects.toThrow(/has no column "z"/);
  });

  it('column names with quotes, back-quotes and backslashes are identifiers, not SQL', async () => {
    const csv = '"a`b","c\'d","e\\\\f","g"",h"\n1,x,2,3\n';
    const scan = await scanTable(write('names.csv', csv));
    expect(scan.columns.map((c) => [c.name, c.kind])).toEqual([
      ['a`b', 'numeric'],
      ["c'd", 'categorical'],
      ['e\\\\f', 'numeric'],
      ['g",h', 'numeric'],
    ]);
  });
});

describe('scanTable on JSON Lines and Parquet', () => {
  it('JSON Lines: keys in order of first appearance, absent keys and null are missing, values of any JSON type', async () => {
    const jsonl = [
      { a: 1, b: 'x', c: true },
      { a: '2.5', b: 3, d: { k: 1 } },
      { a: null, b: 'x', c: false, d: [1, 2] },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n');
    const scan = await scanTable(write('types.jsonl', jsonl + '\n'));
    expect(scan.columns.map((c) => c.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(column(scan, 'a')).toMatchObject({ kind: 'numeric', missing: 1, sorted: Float64Array.from([1, 2.5]) });
    expect(column(scan, 'b')).toMatchObject({ kind: 'categorical', counts: new Map([['x', 2], ['3', 1]]) });
    expect(column(scan, 'c')).toMatchObject({ kind: 'categorical', missing: 1, counts: new Map([['true', 1], ['false', 1]]) });
    expect(column(scan, 'd')).toMatchObject({ kind: 'categorical', missing: 1, counts: new Map([['{"k":1}', 1], ['[1,2]', 1]]) });
  });

  it('Parquet: native numbers (NULL and NaN missing), strings classified as text', async () => {
    const file = path.join(tmp, 'native.parquet');
    const r = await queryBindAsync(
      'SELECT [1.5, NULL, nan, -3][number + 1]::Nullable(Float64) AS f, toInt64(number * 10) AS i, ' +
        "['a', 'NA', '', 'b'][number + 1] AS s, ['1', '2', 'x', 'NaN'][number + 1] AS t FROM numbers(4)",
      {},
      { format: 'Parquet' },
    );
    writeFileSync(file, r.bytes());
    const scan = await scanTable(file);
    expect(scan.rows).toBe(4);
    expect(column(scan, 'f')).toMatchObject({ kind: 'numeric', missing: 2, typeErrors: 0, sorted: Float64Array.from([-3, 1.5]) });
    expect(column(scan, 'i')).toMatchObject({ kind: 'numeric', missing: 0, sorted: Float64Array.from([0, 10, 20, 30]) });
    expect(column(scan, 's')).toMatchObject({ kind: 'categorical', missing: 2, counts: new Map([['a', 1], ['b', 1]]) });
    expect(column(scan, 't')).toMatchObject({ kind: 'categorical', missing: 1, counts: new Map([['x', 1], ['1', 1], ['2', 1]]) });
    const forced = await scanTable(file, { kinds: new Map([['i', 'categorical']]) });
    expect(column(forced, 'i')).toMatchObject({ kind: 'categorical', counts: new Map([['0', 1], ['10', 1], ['20', 1], ['30', 1]]) });
  });
});

describe('scanTable errors are one-line TabularErrors', () => {
  async function expectError(file: string, code: TabularError['code'], message: RegExp, format?: string): Promise<void> {
    const err = await scanTable(file, { format }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TabularError);
    expect((err as TabularError).code).toBe(code);
    expect((err as TabularError).message).toMatch(message);
    expect((err as TabularError).message).not.toContain('\n');
  }

  it('missing file, directory, empty file, header without rows, unknown format, corrupt content', async () => {
    await expectError(path.join(tmp, 'absent.csv'), 'not-found', /no such file/);
    mkdirSync(path.join(tmp, 'dir.csv'));
    await expectError(path.join(tmp, 'dir.csv'), 'unreadable', /not a regular file/);
    await expectError(write('empty.csv', ''), 'no-rows', /is empty/);
    await expectError(write('header.csv', 'a,b\n'), 'no-rows', /has no rows/);
    await expectError(write('x.xlsx', 'a\n1\n'), 'unknown-format', /cannot tell the format/);
    await expectError(write('bad.parquet', 'a,b\n1,2\n'), 'bad-content', /cannot read .*bad\.parquet as PARQUET: .*Parquet/);
    await expectError(write('ragged.csv', 'a,b\n1,2\n1,2,3\n'), 'bad-content', /cannot read .*ragged\.csv as CSV: /);
  });

  it('a path with quotes and glob characters reads exactly that file', async () => {
    const dir = path.join(tmp, "o'brien {x}");
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a*.csv'), 'v\n1\n2\n');
    writeFileSync(path.join(dir, 'ab.csv'), 'v\n5\n'); // what the glob a*.csv would also match
    const scan = await scanTable(path.join(dir, 'a*.csv'));
    expect(scan.rows).toBe(2);
    expect(column(scan, 'v')).toMatchObject({ sorted: Float64Array.from([1, 2]) });
  });
});
