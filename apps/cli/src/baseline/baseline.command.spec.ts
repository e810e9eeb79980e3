import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The real api module in this process (embedded ClickHouse, real broker); the CLI runs as a child process.
import { closedPort, startTestApi, type TestApi } from '@driftwatch/api-testing';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const BIN = path.join(ROOT, 'apps', 'cli', 'bin', 'driftwatch.cjs');
const BUILT_MAIN = path.join(ROOT, 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built binary, asynchronously: the API answering it lives in this process's event loop. */
function driftwatch(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, DRIFTWATCH_API: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let api: TestApi;
let dir: string;
const T0 = Date.UTC(2026, 10, 1);

beforeAll(async () => {
  if (!existsSync(BUILT_MAIN)) throw new Error(`the CLI is not built (${BUILT_MAIN} missing): run \`npx nx run cli:build\``);
  api = await startTestApi();
  dir = mkdtempSync(path.join(tmpdir(), 'driftwatch-cli-baseline-'));
  // income: 1..20 and one missing cell; zip: numeric-looking codes kept categorical; member: true/false.
  const rows = ['income,zip,member'];
  for (let i = 1; i <= 20; i++) rows.push(`${i},${i <= 12 ? '10001' : '75002'},${i % 4 === 0 ? 'false' : 'true'}`);
  rows.push('NA,10001,');
  writeFileSync(path.join(dir, 'train.csv'), `${rows.join('\n')}\n`);
  // A scoring file: score 0.05, 0.10, … 1.00 (the model's output) beside a feature and a decision text.
  const scored = ['income,score,decision'];
  for (let i = 1; i <= 20; i++) scored.push(`${i * 3},${(i * 0.05).toFixed(2)},${i <= 15 ? 'approve' : 'reject'}`);
  writeFileSync(path.join(dir, 'scored.csv'), `${scored.join('\n')}\n`);
  // Scores with 0/1 labels (the last one missing): accuracy 6/9 and ROC AUC 0.85 per scikit-learn.
  const labelled = ['income,score,label'];
  [0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2, 0.1, 0.35].forEach((s, i) => labelled.push(`${i + 1},${s},${['1', '1', '0', '1', '0', '1', '0', '0', '0', ''][i]}`));
  writeFileSync(path.join(dir, 'labelled.csv'), `${labelled.join('\n')}\n`);
  writeFileSync(path.join(dir, 'importance.json'), JSON.stringify({ income: 0.8, zip: 0.1 }));
  writeFileSync(path.join(dir, 'bad-importance.json'), JSON.stringify({ income: 1, age: 2 }));
});

afterAll(async () => {
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('driftwatch baseline create --file', () => {
  it('computes the baseline of a CSV and stores it through the API as the active one', async () => {
    const r = await driftwatch([
      'baseline', 'create', '--model', 'credit', '--model-version', '3', '--file', 'train.csv',
      '--categorical', 'zip', '--bins', '4', '--importance', 'importance.json', '--api', api.baseUrl, '--format', 'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const created = JSON.parse(r.stdout);
    expect(created).toMatchObject({ modelId: 'credit', modelVersion: '3', rowCount: 21, source: 'file:train.csv' });

    const stored = await api.store.baselines.getActive('credit', '3');
    expect(stored?.baselineId).toBe(created.baselineId);
    const byName = new Map(stored?.features.map((f) => [f.name, f]));
    // np.quantile(np.arange(1, 21), [.25, .5, .75]) = [5.75, 10.5, 15.25]
    expect(byName.get('income')).toMatchObject({
      kind: 'numeric',
      edges: [5.75, 10.5, 15.25],
      binCounts: [5, 5, 5, 5],
      count: 20,
      missing: 1,
      min: 1,
      max: 20,
      mean: 10.5,
      median: 10.5,
      importance: 0.8,
    });
    // np.std(np.arange(1, 21)) = sqrt((20**2 - 1) / 12)
    expect(byName.get('income')?.std).toBeCloseTo(Math.sqrt(399 / 12), 12);
    expect(byName.get('zip')).toMatchObject({ kind: 'categorical', categories: { '10001': 13, '75002': 8 }, count: 21, importance: 0.1 });
    expect(byName.get('member')).toMatchObject({ kind: 'boolean', categories: { true: 15, false: 5 }, missing: 1, importance: null });
  });

  it('prints a table on request, then lists and shows the baseline', async () => {
    const created = await driftwatch(['baseline', 'create', '--model', 'credit', '--model-version', '4', '--file', 'train.csv', '--id', 'v4-train', '--api', api.baseUrl, '--format', 'table']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^stored baseline v4-train of model credit version 4\n/);
    expect(created.stdout).toMatch(/^income +numeric +20 +1 +10 bins +1 +10\.5 +20 +-$/m);

    const list = await driftwatch(['baseline', 'list', '--model', 'credit', '--format', 'json'], { DRIFTWATCH_API: api.baseUrl });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).baselines.map((b: { modelVersion: string; active: boolean }) => [b.modelVersion, b.active])).toEqual([
      ['4', true],
      ['3', true],
    ]);
    const show = await driftwatch(['baseline', 'show', '--model', 'credit', '--model-version', '4', '--api', api.baseUrl, '--format', 'json']);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout).baselineId).toBe('v4-train');
  });
});

describe('driftwatch baseline create --prediction-column', () => {
  it('stores a numeric prediction column as the feature @prediction, binned like a numeric feature', async () => {
    const r = await driftwatch([
      'baseline', 'create', '--model', 'scored', '--model-version', '1', '--file', 'scored.csv',
      '--prediction-column', 'score', '--bins', '4', '--api', api.baseUrl, '--format', 'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const stored = await api.store.baselines.getActive('scored', '1');
    expect(stored?.features.map((f) => f.name)).toEqual(['income', 'decision', '@prediction']);
    const prediction = stored?.features.find((f) => f.name === '@prediction');
    // np.quantile(np.arange(1, 21) * 0.05, [.25, .5, .75]) = [0.2875, 0.525, 0.7625]
    expect(prediction).toMatchObject({ kind: 'numeric', binCounts: [5, 5, 5, 5], count: 20, missing: 0, min: 0.05, max: 1, importance: null });
    [0.2875, 0.525, 0.7625].forEach((e, i) => expect(prediction?.edges[i]).toBeCloseTo(e, 12));
  });

  it('stores a text prediction column as a categorical @prediction', async () => {
    const r = await driftwatch([
      'baseline', 'create', '--model', 'scored', '--model-version', '2', '--file', 'scored.csv',
      '--prediction-column', 'decision', '--api', api.baseUrl, '--format', 'json',
    ]);
    expect(r.code).toBe(0);
    const stored = await api.store.baselines.getActive('scored', '2');
    expect(stored?.features.map((f) => f.name)).toEqual(['income', 'score', '@prediction']);
    expect(stored?.features[2]).toMatchObject({ kind: 'categorical', categories: { approve: 15, reject: 5 }, count: 20 });
  });
});

describe('driftwatch baseline create --target-column', () => {
  it("stores the model's performance on the file's rows with the baseline, the target not being a feature", async () => {
    const r = await driftwatch([
      'baseline', 'create', '--model', 'labelled', '--model-version', '1', '--file', 'labelled.csv',
      '--prediction-column', 'score', '--target-column', 'label', '--api', api.baseUrl, '--format', 'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const stored = await api.store.baselines.getActive('labelled', '1');
    expect(stored?.features.map((f) => f.name)).toEqual(['income', '@prediction']);
    expect(stored?.performance).toMatchObject({ task: 'binary', positiveClass: '1', classes: ['0', '1'], labelled: 9 });
    expect(stored?.performance?.metrics.accuracy).toBeCloseTo(6 / 9, 12);
    expect(stored?.performance?.metrics.rocAuc).toBeCloseTo(0.85, 12);
    expect(JSON.parse(r.stdout).performance).toEqual(stored?.performance);

    const table = await driftwatch(['baseline', 'show', '--model', 'labelled', '--model-version', '1', '--api', api.baseUrl, '--format', 'table']);
    expect(table.stdout).toMatch(/^performance \(binary, positive class 1, 9 labelled\): accuracy 0\.666667, .*rocAuc 0\.85\b/m);
  });
});

describe('driftwatch baseline create --from-windows', () => {
  it('has the API build the baseline from the events stored for the version', async () => {
    await api.store.samples.insert(
      Array.from({ length: 6 }, (_, i) => ({
        modelId: 'churn',
        modelVersion: '1',
        eventId: `c${i}`,
        eventTime: T0 + i * 60_000,
        features: { tenure: i * 2, plan: i < 4 ? 'basic' : 'pro' },
        prediction: 0.1,
      })),
      'cli-baseline-samples',
    );
    const r = await driftwatch([
      'baseline', 'create', '--model', 'churn', '--model-version', '1',
      '--from-windows', `${new Date(T0).toISOString()}..${T0 + 3_600_000}`, '--bins', '2', '--api', api.baseUrl, '--format', 'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const created = JSON.parse(r.stdout);
    expect(created.samples).toEqual({ used: 6, available: 6 });
    const tenure = created.features.find((f: { name: string }) => f.name === 'tenure');
    // np.quantile([0, 2, 4, 6, 8, 10], 0.5) = 5
    expect(tenure).toMatchObject({ kind: 'numeric', edges: [5], binCounts: [3, 3], min: 0, max: 10 });
  });
});

describe('driftwatch baseline: errors', () => {
  it.each([
    [['--file', 'train.csv', '--categorical', 'zipcode'], /^driftwatch: --categorical names "zipcode", which train\.csv does not have\n$/],
    [['--file', 'train.csv', '--importance', 'bad-importance.json'], /^driftwatch: importance names a feature the data does not have: "age"\n$/],
    [['--file', 'missing.csv'], /^driftwatch: cannot read missing\.csv: no such file\n$/],
    [['--file', 'train.csv', '--from-windows', '1..2'], /^driftwatch: give either --file .* or --from-windows/],
    [['--from-windows', 'yesterday..today'], /^driftwatch: --from-windows: "yesterday" in "yesterday\.\.today" is neither an ISO-8601 time nor epoch milliseconds\n$/],
    [['--file', 'train.csv', '--bins', 'ten'], /^driftwatch: --bins must be an integer from 1 to 10000, got "ten"\n$/],
    [['--file', 'train.csv', '--api', 'localhost:8080'], /^driftwatch: --api must be an http:\/\/ or https:\/\/ URL/],
    [['--file', 'scored.csv', '--prediction-column', 'proba'], /^driftwatch: --prediction-column names "proba", which scored\.csv does not have\n$/],
    [['--from-windows', '0..1000', '--prediction-column', 'score'], /^driftwatch: --prediction-column applies to --file only/],
    [['--file', 'labelled.csv', '--prediction-column', 'score', '--target-column', 'truth'], /^driftwatch: --target-column names "truth", which labelled\.csv does not have\n$/],
    [['--file', 'labelled.csv', '--target-column', 'label'], /^driftwatch: --target-column needs --prediction-column: performance compares the prediction with the target\n$/],
    [['--file', 'labelled.csv', '--prediction-column', 'score', '--target-column', 'score'], /^driftwatch: --target-column and --prediction-column both name "score"/],
    [['--from-windows', '0..1000', '--target-column', 'label'], /^driftwatch: --target-column applies to --file only/],
  ])('exits 2 with one line for %j', async (args, message) => {
    const r = await driftwatch(['baseline', 'create', '--model', 'm', '--model-version', '1', ...args, '--api', api.baseUrl].slice(0, args.includes('--api') ? -2 : undefined));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('exits 2 with the API message when the API refuses the request', async () => {
    const r = await driftwatch(['baseline', 'show', '--model', 'nobody', '--model-version', '1', '--api', api.baseUrl]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: the API refused the request (404): model "nobody" version "1" has no baseline\n');
    const none = await driftwatch(['baseline', 'create', '--model', 'nobody', '--model-version', '1', '--from-windows', '0..1000', '--api', api.baseUrl]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^driftwatch: the API refused the request \(404\): no stored events of model "nobody"/);
  });

  it('exits 3 when no API answers', async () => {
    const port = await closedPort();
    const r = await driftwatch(['baseline', 'create', '--model', 'm', '--model-version', '1', '--file', 'train.csv'], { DRIFTWATCH_API: `http://127.0.0.1:${port}` });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `driftwatch: cannot reach the Driftwatch API at http://127.0.0.1:${port} (ECONNREFUSED); start it with \`npm start\`, or pass --api URL / set DRIFTWATCH_API\n`,
    );
  });
});
