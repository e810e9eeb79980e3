import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectFeature, expected, FIXTURES } from './expected-fixture.test-util';
import { runBin } from './run-cli.test-util';

// The real binary in a child process: entry point, exit codes and stream handling end to end.
describe('driftwatch binary', () => {
  const ref = path.join(FIXTURES, 'small-ref.csv');
  const cur = path.join(FIXTURES, 'small-cur.jsonl');

  it('compares a CSV with a JSON Lines file and prints JSON when piped', () => {
    const run = runBin(['compare', '--reference', ref, '--current', cur, '--categorical', 'zip']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.rows).toEqual(expected.datasets.small.rows);
    expected.datasets.small.features.forEach((f, i) => expectFeature(report.features[i], f));
  });

  it('exits 1 with --fail-on-drift on drifted data', () => {
    const run = runBin(['compare', '--reference', ref, '--current', cur, '--categorical', 'zip', '--fail-on-drift', '--format', 'table']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/dataset drift: DETECTED/);
  });

  it('exits 2 with one line and no stack trace on a missing file', () => {
    const run = runBin(['compare', '--reference', path.join(FIXTURES, 'missing.csv'), '--current', cur]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^driftwatch: cannot read .*missing\.csv: no such file\n$/);
  });

  it('exits 2 with one line on bad usage', () => {
    const run = runBin(['compare', '--reference', ref]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^driftwatch: [^\n]*--current[^\n]*\n$/);
  });
});
