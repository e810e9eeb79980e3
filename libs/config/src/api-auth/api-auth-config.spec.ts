import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config-error';
import { loadConfig } from '../load-config';
import { holdsPlaceholderToken, parseApiTokens } from './api-auth-config';

const READ = 'r3ad-token-aaaaaaaaaaaa';
const WRITE = 'wr1te-token-bbbbbbbbbbb';
const ADMIN = 'adm1n-token-ccccccccccc';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

const dir = mkdtempSync(path.join(tmpdir(), 'driftwatch-tokens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('API tokens', () => {
  it('are off by default, with HTTP_HOST on loopback and /metrics open', () => {
    const c = loadConfig({});
    expect(c.httpHost).toBe('127.0.0.1');
    expect(c.apiAuth).toEqual({ tokens: [], metricsAuth: false });
  });

  it('reads scope:token pairs from DRIFTWATCH_API_TOKENS, keeping the tokens secret', () => {
    const c = loadConfig({ DRIFTWATCH_API_TOKENS: ` read:${READ} , write:${WRITE},admin:${ADMIN}`, DRIFTWATCH_METRICS_AUTH: 'true' });
    expect(c.apiAuth.tokens.map((t) => [t.scope, t.token.reveal()])).toEqual([
      ['read', READ],
      ['write', WRITE],
      ['admin', ADMIN],
    ]);
    expect(c.apiAuth.metricsAuth).toBe(true);
    const printed = `${JSON.stringify(c)} ${inspect(c, { depth: 10 })} ${String(c.apiAuth.tokens[0].token)}`;
    for (const token of [READ, WRITE, ADMIN]) expect(printed).not.toContain(token);
  });

  it('reads DRIFTWATCH_API_TOKENS_FILE, one per line, skipping comments and blank lines', () => {
    const file = path.join(dir, 'tokens');
    writeFileSync(file, `# operators\nadmin:${ADMIN}\n\n   # dashboards\r\nread:${READ}\n`);
    const c = loadConfig({ DRIFTWATCH_API_TOKENS_FILE: file });
    expect(c.apiAuth.tokens.map((t) => t.scope)).toEqual(['admin', 'read']);
  });

  it('names the variable and the entry of every bad token without echoing any of it', () => {
    const short = 'short-tok';
    const noScope = 'no-scope-token-0123456789';
    const badScope = 'root:some-token-0123456789';
    const badChars = 'read:spaces and "quotes" 0123';
    const problems = problemsOf({ DRIFTWATCH_API_TOKENS: `read:${short},${noScope},${badScope},write:${READ},read:${READ},${badChars}` });
    expect(problems).toEqual([
      'DRIFTWATCH_API_TOKENS: entry 1: the token is shorter than 16 characters',
      'DRIFTWATCH_API_TOKENS: entry 2: expected scope:token (scope read, write, admin)',
      'DRIFTWATCH_API_TOKENS: entry 3: unknown scope, expected one of read, write, admin before the colon',
      'DRIFTWATCH_API_TOKENS: entry 5: repeats the token of entry 4',
      'DRIFTWATCH_API_TOKENS: entry 6: the token may hold only letters, digits and - . _ ~ + / (then = padding), as a bearer token can',
    ]);
    const text = problems.join('\n');
    for (const secret of [short, noScope, 'some-token', READ, 'spaces and']) expect(text).not.toContain(secret);
  });

  it('names the file and the line, and a file that cannot be read or holds no token', () => {
    const file = path.join(dir, 'bad-tokens');
    writeFileSync(file, `# comment\nread:${READ}\nwrite:tooshort\n`);
    expect(problemsOf({ DRIFTWATCH_API_TOKENS_FILE: file })).toEqual([`DRIFTWATCH_API_TOKENS_FILE (${file}): line 3: the token is shorter than 16 characters`]);
    const missing = path.join(dir, 'missing');
    expect(problemsOf({ DRIFTWATCH_API_TOKENS_FILE: missing })).toEqual([`DRIFTWATCH_API_TOKENS_FILE: cannot read ${missing}: ENOENT`]);
    const empty = path.join(dir, 'empty');
    writeFileSync(empty, '# nothing yet\n\n');
    expect(problemsOf({ DRIFTWATCH_API_TOKENS_FILE: empty })).toEqual([`DRIFTWATCH_API_TOKENS_FILE: ${empty} holds no token: add lines of scope:token`]);
  });

  it('refuses both variables at once, and metrics auth without any token', () => {
    expect(problemsOf({ DRIFTWATCH_API_TOKENS: `read:${READ}`, DRIFTWATCH_API_TOKENS_FILE: '/x' })).toEqual([
      'DRIFTWATCH_API_TOKENS: set either DRIFTWATCH_API_TOKENS or DRIFTWATCH_API_TOKENS_FILE, not both',
    ]);
    expect(problemsOf({ DRIFTWATCH_METRICS_AUTH: 'on' })).toEqual([
      'DRIFTWATCH_METRICS_AUTH: is on but no token is configured: set DRIFTWATCH_API_TOKENS or DRIFTWATCH_API_TOKENS_FILE',
    ]);
  });

  it('takes HTTP_HOST as a host name or address, without IPv6 brackets, and refuses anything else', () => {
    expect(loadConfig({ HTTP_HOST: '0.0.0.0' }).httpHost).toBe('0.0.0.0');
    expect(loadConfig({ HTTP_HOST: '[::]' }).httpHost).toBe('::');
    expect(loadConfig({ HTTP_HOST: 'api.internal' }).httpHost).toBe('api.internal');
    expect(problemsOf({ HTTP_HOST: 'http://x/' })[0]).toMatch(/^HTTP_HOST: expected a host name or an IP address/);
  });
});

describe('parseApiTokens', () => {
  it('skips blank entries and counts positions from 1', () => {
    expect(parseApiTokens(['', ` admin:${ADMIN} `, 'x'], 'line')).toMatchObject({
      tokens: [{ scope: 'admin' }],
      problems: ['line 3: expected scope:token (scope read, write, admin)'],
    });
  });
});

describe('holdsPlaceholderToken', () => {
  it('spots the CHANGE-ME placeholders of docker-compose.yml', () => {
    expect(holdsPlaceholderToken(loadConfig({ DRIFTWATCH_API_TOKENS: 'admin:CHANGE-ME-admin-token-0000' }).apiAuth)).toBe(true);
    expect(holdsPlaceholderToken(loadConfig({ DRIFTWATCH_API_TOKENS: `admin:${ADMIN}` }).apiAuth)).toBe(false);
  });
});
