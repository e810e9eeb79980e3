import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryApi } from '../src/queries/query-api';
import { featureEvaluation, MINUTE, startQueriesApi, storeBaseline, storeEvaluation, storeIncidents, storeWindows, type QueriesApi } from './queries-api.test-util';
import { runCli } from './run-cli.test-util';

// The four queries against the real API (embedded ClickHouse): a model with a baseline, windows
// of two versions, evaluations and incidents; a second model without baseline.
let api: QueriesApi;
// Two hours ago, on the minute: inside the API's and the CLI's default ranges (the last 24 h).
const T0 = Math.floor(Date.now() / MINUTE) * MINUTE - 120 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  api = await startQueriesApi();
  await storeBaseline(api.baseUrl, 'credit-risk', '1');
  await storeWindows(api.store, 'credit-risk', '1', [T0, T0 + MINUTE, T0 + 2 * MINUTE], 200, 20);
  await storeWindows(api.store, 'credit-risk', '2', [T0 + 3 * MINUTE], 50);
  await storeWindows(api.store, 'fraud-model-with-a-rather-long-name-for-the-table', '7', [T0], 10);
  await storeEvaluation(api.store, 'credit-risk', '1', T0, {
    features: [featureEvaluation('income', 'numeric', { method: 'wasserstein', value: 0.02 }), featureEvaluation('region', 'categorical', { method: 'jensenShannon', value: 0.01 })],
  });
  await storeEvaluation(api.store, 'credit-risk', '1', T0 + MINUTE, {
    features: [
      featureEvaluation('region', 'categorical', { method: 'jensenShannon', value: 0.05 }),
      featureEvaluation('age', 'numeric', { method: 'ks', value: 0.001, threshold: 0.05, detected: true, severity: 'warning' }),
      featureEvaluation('income', 'numeric', { method: 'wasserstein', value: 0.4, detected: true, severity: 'critical' }),
    ],
    dataset: { driftShare: 2 / 3, threshold: 0.5, detected: true },
    findings: [{ kind: 'data_drift', feature: 'income', severity: 'critical', metric: 'wasserstein', value: 0.4, threshold: 0.1, message: 'income: Wasserstein 0.4 ≥ 0.1 (critical)' }],
  });
  // The newest window had too few events: not judged, so not the latest drift.
  await storeEvaluation(api.store, 'credit-risk', '1', T0 + 2 * MINUTE, { judged: false, features: [] });
  await storeIncidents(
    api.store,
    [
      { incidentId: 'inc-income', modelId: 'credit-risk' },
      { incidentId: 'inc-age', modelId: 'credit-risk', feature: 'age', severity: 'warning', openedAt: T0 + 30 * MINUTE, updatedAt: T0 + 30 * MINUTE },
      { incidentId: 'inc-old', modelId: 'credit-risk', modelVersion: '2', kind: 'missing_feature', status: 'resolved', resolvedAt: T0 + 40 * MINUTE, updatedAt: T0 + 40 * MINUTE },
    ],
    T0 + 2 * MINUTE,
  );
}, 120_000);

afterAll(async () => {
  await api?.close();
});

const run = (...args: string[]) => runCli([...args, '--api', api.baseUrl]);

describe('driftwatch status', () => {
  it('table: a row per model version with its last window, baseline and open incidents by severity', async () => {
    const r = await run('status', '--format', 'table');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^model\s+version\s+windows\s+last window end\s+baseline\s+critical\s+warning$/);
    const row = (model: RegExp, version: string) => lines.find((l) => model.test(l) && l.split(/\s+/)[1] === version);
    expect(row(/^credit-risk /, '1')?.split(/\s{2,}/)).toEqual(['credit-risk', '1', '3', iso(T0 + 3 * MINUTE).slice(0, 16).replace('T', ' '), 'yes', '1', '1']);
    expect(row(/^credit-risk /, '2')?.split(/\s{2,}/)).toEqual(['credit-risk', '2', '1', iso(T0 + 4 * MINUTE).slice(0, 16).replace('T', ' '), 'no', '0', '0']);
    // A long model name is cut, not the table widened.
    expect(lines.find((l) => l.startsWith('fraud-model'))).toMatch(/^fraud-model\S*…\s+7 /);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain('2 model(s), 3 version(s); open incidents: 1 critical, 1 warning\n');
  });

  it('json: the API’s models and open incidents', async () => {
    const r = await run('status', '--format', 'json');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as { models: { modelId: string; versions: { modelVersion: string; hasBaseline: boolean }[] }[]; openIncidents: { incidentId: string }[] };
    expect(data.models.map((m) => m.modelId).sort()).toEqual(['credit-risk', 'fraud-model-with-a-rather-long-name-for-the-table']);
    expect(data.openIncidents.map((i) => i.incidentId).sort()).toEqual(['inc-age', 'inc-income']);
  });
});

describe('driftwatch incidents', () => {
  it('open ones by default, most recently updated first, each with its evidence', async () => {
    const r = await run('incidents', '--format', 'table');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^severity\s+model\s+version\s+kind\s+feature$/);
    expect(lines[2].split(/\s{2,}/)).toEqual(['warning', 'credit-risk', '1', 'data_drift', 'age']);
    expect(lines[4].split(/\s{2,}/)).toEqual(['critical', 'credit-risk', '1', 'data_drift', 'income']);
    expect(lines[5]).toBe(`    opened ${iso(T0 + 2 * MINUTE).slice(0, 16).replace('T', ' ')}: income: Wasserstein 0.4 ≥ 0.1 (critical)`);
    expect(r.stdout).not.toContain('missing_feature');
  });

  it('--status all shows the status; resolved ones alone; --limit cuts and says so', async () => {
    const all = await run('incidents', '--status', 'all', '--format', 'table');
    expect(all.stdout).toMatch(/^severity\s+status\s+model\s+version\s+kind\s+feature\n/);
    expect(all.stdout).toMatch(/critical\s+resolved\s+credit-risk\s+2\s+missing_feature\s+income\n {4}opened \S+ \S+, resolved \S+ \S+: /);
    const resolved = await run('incidents', '--model', 'credit-risk', '--status', 'resolved', '--format', 'json');
    expect((JSON.parse(resolved.stdout) as { incidents: { incidentId: string }[] }).incidents.map((i) => i.incidentId)).toEqual(['inc-old']);
    const one = await run('incidents', '--status', 'all', '--limit', '1', '--format', 'table');
    expect(one.stdout).toContain('the 1 most recently updated; more with --limit');
    const v2 = await run('incidents', '--model', 'credit-risk', '--model-version', '2', '--status', 'all', '--format', 'json');
    expect((JSON.parse(v2.stdout) as { incidents: { incidentId: string }[]; more: boolean })).toMatchObject({ incidents: [{ incidentId: 'inc-old' }], more: false });
  });

  it('an unknown model: exit 2, naming it and the models the API knows', async () => {
    const r = await run('incidents', '--model', 'credit-rsik');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `driftwatch: unknown model "credit-rsik": the API at ${api.baseUrl} has no events or baseline of it; it knows "credit-risk", "fraud-model-with-a-rather-long-name-for-the-table"\n`,
    );
  });

  it('bad usage: exit 2 with one line', async () => {
    expect(await run('incidents', '--status', 'closed')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^driftwatch: .*closed.*\(see --help\)\n$/) });
    expect(await run('incidents', '--limit', '0')).toMatchObject({ code: 2, stderr: 'driftwatch: --limit: expected a positive integer, got "0"\n' });
    expect(await run('incidents', '--model-version', '2')).toMatchObject({ code: 2, stderr: 'driftwatch: --model-version needs --model\n' });
  });
});

describe('QueryApi.pages', () => {
  it('follows nextCursor to the last page', async () => {
    const query = QueryApi.from({ api: api.baseUrl });
    const page = await query.pages<{ incidents: { incidentId: string }[]; nextCursor: string | null }, string>('/api/incidents', { limit: 1 }, (a) => a.incidents.map((i) => i.incidentId));
    expect(page.items.sort()).toEqual(['inc-age', 'inc-income', 'inc-old']);
    expect(page.more).toBe(false);
    const cut = await query.pages<{ incidents: { incidentId: string }[]; nextCursor: string | null }, string>('/api/incidents', { limit: 1 }, (a) => a.incidents.map((i) => i.incidentId), 2);
    expect(cut).toMatchObject({ more: true });
    expect(cut.items).toHaveLength(2);
  });
});

describe('driftwatch windows', () => {
  it('table: the windows of the last 24 h, oldest first, with missing values and totals', async () => {
    const r = await run('windows', '--model', 'credit-risk', '--format', 'table');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^start \(UTC\)\s+length\s+version\s+events\s+late\s+missing\s+type errors\s+features$/);
    expect(lines.slice(2, 6).map((l) => l.split(/\s{2,}/))).toEqual([
      [iso(T0).slice(0, 16).replace('T', ' '), '1m', '1', '200', '0', '5%', '0', '2'],
      [iso(T0 + MINUTE).slice(0, 16).replace('T', ' '), '1m', '1', '200', '0', '5%', '0', '2'],
      [iso(T0 + 2 * MINUTE).slice(0, 16).replace('T', ' '), '1m', '1', '200', '0', '5%', '0', '2'],
      [iso(T0 + 3 * MINUTE).slice(0, 16).replace('T', ' '), '1m', '2', '50', '0', '0%', '0', '2'],
    ]);
    expect(lines.at(-1)).toMatch(/^4 window\(s\), 650 events, starting in /);
  });

  it('json: the API’s windows; --model-version and a relative --from/--to select', async () => {
    const r = await run('windows', '--model', 'credit-risk', '--model-version', '1', '--from', '3h', '--to', `${T0 + 2 * MINUTE}`, '--format', 'json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { modelId: string; modelVersion: string; to: string; windows: { start: string; features: { feature: string; bins: number[] }[] }[] };
    expect(list).toMatchObject({ modelId: 'credit-risk', modelVersion: '1', to: iso(T0 + 2 * MINUTE) });
    expect(list.windows.map((w) => w.start)).toEqual([iso(T0), iso(T0 + MINUTE)]);
    expect(list.windows[0].features.find((f) => f.feature === 'income')?.bins).toEqual([180, 0, 0]);
  });

  it('an empty range says where the last window is; bad times and unknown models exit 2', async () => {
    const empty = await run('windows', '--model', 'credit-risk', '--from', '30m', '--format', 'table');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain(`its last window ended ${iso(T0 + 4 * MINUTE).slice(0, 16).replace('T', ' ')} UTC: pass --from and --to around it`);
    expect(await run('windows', '--model', 'credit-risk', '--from', 'yesterday')).toMatchObject({
      code: 2,
      stderr: 'driftwatch: --from: expected an ISO-8601 time (UTC unless it has a zone), epoch milliseconds, "now", or a time ago such as 30m, 2h, 7d; got "yesterday"\n',
    });
    expect(await run('windows', '--model', 'credit-risk', '--from', '1h', '--to', '2h')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^driftwatch: --from \(.*\) must be before --to \(.*\)\n$/) });
    expect(await run('windows', '--model', 'credit-risk', '--from', '40d')).toMatchObject({ code: 2, stderr: expect.stringMatching(/from\/to: the range spans 40 days, more than the maximum of 31/) });
    expect(await run('windows', '--model', 'nope', '--format', 'table')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^driftwatch: unknown model "nope": /) });
    expect(await run('windows', '--model', 'credit-risk', '--model-version', '9')).toMatchObject({ code: 2, stderr: 'driftwatch: model "credit-risk" has no version "9"; it has "1", "2"\n' });
  });
});

describe('driftwatch drift', () => {
  it('table: the latest judged window, features most drifted first', async () => {
    const r = await run('drift', '--model', 'credit-risk', '--format', 'table');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^drift of credit-risk version 1, window ${iso(T0 + MINUTE).slice(0, 16).replace('T', ' ')} \\.\\. (\\d{4}-\\d\\d-\\d\\d )?${iso(T0 + 2 * MINUTE).slice(11, 16)} UTC$`));
    expect(lines[2]).toBe('dataset drift: DETECTED (2 of 3 features drifted, share 0.6667 ≥ 0.5)');
    expect(lines.slice(4).map((l) => l.split(/\s{2,}/))).toEqual([
      ['feature', 'kind', 'method', 'score', 'threshold', 'decision'],
      [expect.stringMatching(/^-+$/), expect.stringMatching(/^-+$/), expect.stringMatching(/^-+$/), expect.stringMatching(/^-+$/), expect.stringMatching(/^-+$/), expect.stringMatching(/^-+$/)],
      ['income', 'num', 'wasserstein', '0.4', '0.1', 'DRIFT critical'],
      ['age', 'num', 'ks', '0.001', '0.05', 'DRIFT warning'],
      ['region', 'cat', 'jensenShannon', '0.05', '0.1', 'ok'],
      [''],
      ['findings:'],
      ['', 'income: Wasserstein 0.4 ≥ 0.1 (critical)'],
    ]);
  });

  it('json: the evaluation as the API answers it; an unknown model exits 2', async () => {
    const r = await run('drift', '--model', 'credit-risk', '--format', 'json');
    const data = JSON.parse(r.stdout) as { modelId: string; evaluation: { windowStart: string; judged: boolean; features: unknown[] } };
    expect(data).toMatchObject({ modelId: 'credit-risk', evaluation: { windowStart: iso(T0 + MINUTE), judged: true } });
    expect(data.evaluation.features).toHaveLength(3);
    const v2 = await run('drift', '--model', 'credit-risk', '--model-version', '2', '--format', 'table');
    expect(v2).toMatchObject({ code: 0, stdout: expect.stringMatching(/^no judged window of credit-risk version 2 in the day up to its last window/) });
    expect(await run('drift', '--model', 'nope')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^driftwatch: unknown model "nope": /) });
  });
});

describe('an API that does not answer', () => {
  it('exit 3, one line, no stack trace', async () => {
    const r = await runCli(['status', '--api', 'http://127.0.0.1:9']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^driftwatch: cannot reach the Driftwatch API at http:\/\/127\.0\.0\.1:9 \([^)]*\); start it with `npm start`, or pass --api URL \/ set DRIFTWATCH_API\n$/);
  });
});
