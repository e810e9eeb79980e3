import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './expected-fixture.test-util';
import { runCli } from './run-cli.test-util';

const REF = path.join(FIXTURES, 'small-ref.csv');
const CUR = path.join(FIXTURES, 'small-cur.csv');
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'driftwatch-cli-err-'));
  writeFileSync(path.join(tmp, 'header-only.csv'), 'income,age\n');
  writeFileSync(path.join(tmp, 'empty.csv'), '');
  writeFileSync(path.join(tmp, 'other-columns.csv'), 'income,height\n1,2\n');
  writeFileSync(path.join(tmp, 'data.txt'), 'a\n1\n');
  writeFileSync(path.join(tmp, 'broken.parquet'), 'this is not parquet');
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every input problem: exit code 2, nothing on stdout, exactly one line `driftwatch: …` on stderr. */
async function expectUsageError(args: string[], message: RegExp): Promise<void> {
  const run = await runCli(['compare', ...args]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^driftwatch: [^\n]+\n$/);
  expect(run.stderr).toMatch(message);
}

describe('driftwatch compare: bad input exits 2 with one line', () => {
  it('a missing required option', () => expectUsageError(['--reference', REF], /required option '--current <file>'/));
  it('an unknown option', () => expectUsageError(['--reference', REF, '--current', CUR, '--frobnicate'], /unknown option '--frobnicate'/));
  it('an unknown --correction', () => expectUsageError(['--reference', REF, '--current', CUR, '--correction', 'holm'], /--correction/));
  it('an unknown --format', () => expectUsageError(['--reference', REF, '--current', CUR, '--format', 'xml'], /--format/));
  it('bad --bins', () => expectUsageError(['--reference', REF, '--current', CUR, '--bins', '0'], /--bins must be an integer/));
  it('bad --drift-share', () => expectUsageError(['--reference', REF, '--current', CUR, '--drift-share', '2'], /--drift-share/));
  it('a file that does not exist', () =>
    expectUsageError(['--reference', path.join(tmp, 'nope.csv'), '--current', CUR], /cannot read .*nope\.csv: no such file/));
  it('an empty file', () => expectUsageError(['--reference', path.join(tmp, 'empty.csv'), '--current', CUR], /empty\.csv is empty/));
  it('a file with a header and no rows', () =>
    expectUsageError(['--reference', path.join(tmp, 'header-only.csv'), '--current', path.join(tmp, 'header-only.csv')], /header-only\.csv has no rows/));
  it('an unknown extension', () => expectUsageError(['--reference', path.join(tmp, 'data.txt'), '--current', CUR], /cannot tell the format/));
  it('a file that is not what its extension says', () =>
    expectUsageError(['--reference', path.join(tmp, 'broken.parquet'), '--current', CUR], /cannot read .*broken\.parquet as PARQUET/));
  it('a column absent from one side', () =>
    expectUsageError(['--reference', REF, '--current', path.join(tmp, 'other-columns.csv')], /different columns \(missing from the current data: .*age.*; not in the reference: height\)/));
  it('a malformed --threshold', () => expectUsageError(['--reference', REF, '--current', CUR, '--threshold', 'income=0.2'], /bad threshold "income=0\.2"/));
  it('a --threshold with an unknown method', () =>
    expectUsageError(['--reference', REF, '--current', CUR, '--threshold', 'income:foo=0.2'], /unknown method "foo"/));
  it('a --threshold p-value above 1', () => expectUsageError(['--reference', REF, '--current', CUR, '--threshold', 'income:ks=1.5'], /between 0 and 1/));
  it('a --threshold on an unknown column', () =>
    expectUsageError(['--reference', REF, '--current', CUR, '--threshold', 'salary:psi=0.2'], /--threshold names column "salary"/));
  it('a --threshold method that does not fit the column kind', () =>
    expectUsageError(['--reference', REF, '--current', CUR, '--threshold', 'region:ks=0.01'], /ks does not apply to categorical feature "region"/));
  it('a column both --numeric and --categorical', () =>
    expectUsageError(['--reference', REF, '--current', CUR, '--numeric', 'zip', '--categorical', 'zip'], /both --categorical and --numeric/));
  it('--numeric naming an unknown column', () => expectUsageError(['--reference', REF, '--current', CUR, '--numeric', 'salary'], /--numeric names column "salary"/));
});

describe('driftwatch compare: file names are data, not SQL', () => {
  it('reads paths holding quotes, backslashes, glob characters and SQL', async () => {
    const dir = path.join(tmp, "it's a {dir}");
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(dir);
    const ref = path.join(dir, "ref'); DROP TABLE x; --*?.csv");
    const cur = path.join(dir, 'cur\\`"[1].csv');
    copyFileSync(REF, ref);
    copyFileSync(CUR, cur);
    // A sibling that the glob characters would match if the path were expanded.
    writeFileSync(path.join(dir, "ref'); DROP TABLE x; --ab.csv"), 'other\n1\n');
    const run = await runCli(['compare', '--reference', ref, '--current', cur, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).rows).toEqual({ reference: 400, current: 300 });
  });
});
