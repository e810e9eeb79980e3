import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, startQueriesApi, storeWindows, type QueriesApi } from './queries-api.test-util';
import { runCli } from './run-cli.test-util';

// The queries against an API with tokens (the real guard): what a refusal says, and that the
// token itself is never shown, in errors or in the json answers.
const READ = 'cli-queries-read-token-0123456789';
const ADMIN = 'cli-queries-admin-token-0123456789';
let api: QueriesApi;

beforeAll(async () => {
  api = await startQueriesApi(`read:${READ},admin:${ADMIN}`);
  await storeWindows(api.store, 'credit-risk', '1', [Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE], 100);
}, 120_000);

afterEach(() => {
  delete process.env.DRIFTWATCH_TOKEN;
});

afterAll(async () => {
  await api?.close();
});

describe('the queries against an API with tokens', () => {
  it.each([['status'], ['incidents'], ['windows', '--model', 'credit-risk'], ['drift', '--model', 'credit-risk']])(
    '%s without a token: exit 2, naming the read scope and where the token goes',
    async (...args) => {
      const r = await runCli([...args, '--api', api.baseUrl]);
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'driftwatch: the API refused the request (401): missing bearer token: send Authorization: Bearer <token> (this API needs a token of scope read: pass --token or set DRIFTWATCH_TOKEN)\n',
      });
    },
  );

  it('a wrong token is refused without being shown', async () => {
    const wrong = 'not-a-configured-token-4242';
    const r = await runCli(['status', '--api', api.baseUrl, '--token', wrong]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: the API refused the request (401): invalid bearer token (the token of --token / DRIFTWATCH_TOKEN is not accepted; pass one of scope read)\n');
    expect(r.stderr).not.toContain(wrong);
  });

  it('a read token from DRIFTWATCH_TOKEN answers, and appears nowhere in the output', async () => {
    process.env.DRIFTWATCH_TOKEN = READ;
    const r = await runCli(['windows', '--model', 'credit-risk', '--api', api.baseUrl, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { windows: unknown[] }).windows).toHaveLength(1);
    expect(r.stdout).not.toContain(READ);
    const status = await runCli(['status', '--api', api.baseUrl, '--token', ADMIN, '--format', 'table']);
    expect(status).toMatchObject({ code: 0, stderr: '' });
    expect(status.stdout).toMatch(/^credit-risk\s+1\s+1\s/m);
  });
});
