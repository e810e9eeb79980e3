import { queryBindAsync } from 'chdb';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectDecisions, expectFeature, expected, FIXTURES } from './expected-fixture.test-util';
import { runCli } from './run-cli.test-util';

const fixture = (name: string) => path.join(FIXTURES, name);
let tmp: string;

/** The fixture's CSV as Parquet, with native Float64/Int64 columns where every cell is a number. */
async function csvToParquet(csv: string, out: string, typed: Record<string, string>): Promise<void> {
  const columns = ['income', 'age', 'region', 'flag', 'zip', 'constant', 'empty'];
  const structure = columns.map((c) => `${c} Nullable(String)`).join(', ');
  const select = columns.map((c) => (typed[c] ? `${typed[c]}(${c}) AS ${c}` : c)).join(', ');
  const r = await queryBindAsync(
    `SELECT ${select} FROM file({path:String}, 'CSVWithNames', {structure:String})`,
    { path: csv, structure },
    { format: 'Parquet' },
  );
  writeFileSync(out, r.bytes());
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'driftwatch-cli-'));
  // Reference: native numbers (missing tokens become NULL, "NaN" a NaN); current keeps income as text (it has type errors).
  await csvToParquet(fixture('small-ref.csv'), path.join(tmp, 'small-ref.parquet'), {
    income: 'toFloat64OrNull',
    age: 'toInt64OrNull',
    constant: 'toFloat64OrNull',
    empty: 'toFloat64OrNull',
  });
  await csvToParquet(fixture('small-cur.csv'), path.join(tmp, 'small-cur.parquet'), { age: 'toInt64OrNull', constant: 'toInt32OrNull' });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function compareJson(args: string[]): Promise<Record<string, unknown> & { features: Record<string, unknown>[] }> {
  const run = await runCli(['compare', ...args, '--format', 'json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('driftwatch compare reproduces numpy/scipy', () => {
  const inputs: [string, (d: string) => [string, string]][] = [
    ['CSV', (d) => [fixture(`${d}-ref.csv`), fixture(`${d}-cur.csv`)]],
    ['JSON Lines', (d) => [fixture(`${d}-ref.jsonl`), fixture(`${d}-cur.jsonl`)]],
  ];
  for (const [format, files] of inputs) {
    for (const dataset of ['small', 'large'] as const) {
      it(`${format}, ${dataset} reference (default decision)`, async () => {
        const [ref, cur] = files(dataset);
        const report = await compareJson(['--reference', ref, '--current', cur, '--categorical', 'zip']);
        const want = expected.datasets[dataset];
        expect(report.rows).toEqual(want.rows);
        expect(report.features.map((f) => f.name)).toEqual(want.features.map((f) => f.name));
        want.features.forEach((f, i) => expectFeature(report.features[i], f));
        expectDecisions(report as never, want.decisions.none);
      });
    }
  }

  it('Parquet with native numeric columns gives the same figures as the CSV', async () => {
    const report = await compareJson([
      '--reference',
      path.join(tmp, 'small-ref.parquet'),
      '--current',
      path.join(tmp, 'small-cur.parquet'),
      '--categorical',
      'zip',
    ]);
    const want = expected.datasets.small;
    expect(report.rows).toEqual(want.rows);
    want.features.forEach((f, i) => expectFeature(report.features[i], f));
    expectDecisions(report as never, want.decisions.none);
  });

  for (const correction of ['bonferroni', 'bh'] as const) {
    it(`--correction ${correction} adjusts the p-value decisions together`, async () => {
      const report = await compareJson([
        '--reference',
        fixture('small-ref.csv'),
        '--current',
        fixture('small-cur.csv'),
        '--categorical',
        'zip',
        '--correction',
        correction,
      ]);
      expectDecisions(report as never, expected.datasets.small.decisions[correction]);
    });
  }

  it('--correction benjamini-hochberg is bh spelled out: same decisions, reported as bh', async () => {
    const report = await compareJson([
      '--reference',
      fixture('small-ref.csv'),
      '--current',
      fixture('small-cur.csv'),
      '--categorical',
      'zip',
      '--correction',
      'benjamini-hochberg',
    ]);
    expectDecisions(report as never, expected.datasets.small.decisions.bh);
    const corrected = report.features.map((f) => (f.drift as { correction?: string }).correction).filter((c) => c !== undefined);
    expect(corrected.length).toBeGreaterThan(0);
    expect(new Set(corrected)).toEqual(new Set(['bh']));
  });

  it('--threshold switches one feature to another method and threshold', async () => {
    const report = await compareJson([
      '--reference',
      fixture('large-ref.csv'),
      '--current',
      fixture('large-cur.csv'),
      '--categorical',
      'zip',
      '--threshold',
      'income:psi=0.2',
      '--threshold',
      'zip:chiSquare=0.3',
    ]);
    const want = expected.datasets.large.features;
    const income = report.features[0].drift as Record<string, unknown>;
    const psi = want[0].metrics?.psi as number;
    expect(income).toMatchObject({ method: 'psi', threshold: 0.2, detected: psi >= 0.2 });
    expect(income.value).toBeCloseTo(psi, 12);
    const zip = report.features[4].drift as Record<string, unknown>;
    const p = (want[4].metrics?.chiSquare as { pValue: number }).pValue;
    expect(zip).toMatchObject({ method: 'chiSquare', threshold: 0.3, detected: p < 0.3 });
    // The override flips zip: its Jensen–Shannon (default) is below 0.1; a lenient p-value level
    // since the two-sample chi-square (p ≈ 0.24) sees only weak evidence in its mild shift.
    expect(p).toBeLessThan(0.3);
  });

  it('without --categorical a numeric-looking code column is numeric', async () => {
    const report = await compareJson(['--reference', fixture('small-ref.csv'), '--current', fixture('small-cur.csv')]);
    expect(report.features[4]).toMatchObject({ name: 'zip', kind: 'numeric' });
  });
});

describe('driftwatch compare exit codes and output', () => {
  const small = ['--reference', fixture('small-ref.csv'), '--current', fixture('small-cur.csv'), '--categorical', 'zip'];

  it('--fail-on-drift exits 1 when the dataset drifted, 0 otherwise', async () => {
    const drifted = await runCli(['compare', ...small, '--format', 'json', '--fail-on-drift']);
    expect(drifted.code).toBe(1);
    expect(JSON.parse(drifted.stdout).datasetDrift.detected).toBe(true);
    const same = await runCli(['compare', '--reference', fixture('small-ref.csv'), '--current', fixture('small-ref.csv'), '--fail-on-drift']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout).datasetDrift).toMatchObject({ detected: false, share: 0 });
  });

  it('prints JSON when stdout is not a terminal and a table when it is', async () => {
    const piped = await runCli(['compare', ...small]);
    expect(() => JSON.parse(piped.stdout)).not.toThrow();
    const tty = await runCli(['compare', ...small], true);
    expect(tty.code).toBe(0);
    const lines = tty.stdout.split('\n');
    expect(lines[0]).toBe('rows: reference 400, current 300');
    expect(lines.find((l) => l.startsWith('region'))).toMatch(/categorical .*overseas \(\d+\).*chiSquare .*DRIFT$/);
    expect(lines.find((l) => l.startsWith('empty'))).toMatch(/no valid values in the reference data/);
    // zip (400 vs 300 rows, a mild shift) is no longer drifted by the two-sample chi-square (p ≈ 0.07).
    expect(tty.stdout).toMatch(/dataset drift: DETECTED \(4 of 7 features drifted/);
  });
});
