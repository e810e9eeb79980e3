import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@driftwatch/config';
import { ApiAuthGuard, RuntimeModule } from '@driftwatch/runtime';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The real policy routes behind the real guard, with tokens; the CLI runs in-process against them.
import { configureHttpApp, PoliciesHttpModule } from '@driftwatch/api';
import type { CliIo } from '../cli-io';
import { buildProgram } from '../program';

const READ = 'cli-read-token-0123456789';
const WRITE = 'cli-write-token-0123456789';

let app: INestApplication;
let api: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'driftwatch-cli-token-'));
  const config = loadConfig({ ...process.env, DRIFTWATCH_DATA_DIR: path.join(dir, 'data'), DRIFTWATCH_API_TOKENS: `read:${READ},write:${WRITE}` });
  const moduleRef = await Test.createTestingModule({
    imports: [RuntimeModule.forRoot({ config }), PoliciesHttpModule],
    providers: [{ provide: APP_GUARD, useClass: ApiAuthGuard }],
  }).compile();
  app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] });
  configureHttpApp(app as NestExpressApplication);
  await app.listen(0, '127.0.0.1');
  api = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  writeFileSync(path.join(dir, 'policy.json'), JSON.stringify({ minWindowEvents: 30 }));
});

afterEach(() => {
  delete process.env.DRIFTWATCH_TOKEN;
});

afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function driftwatch(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { code: 0, stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    setExitCode: (c) => void (out.code = c),
    exit: (c) => {
      out.code = c;
      throw new Error(`exit ${c}`);
    },
  };
  await buildProgram(io)
    .parseAsync(['node', 'driftwatch', ...args])
    .catch((e: Error) => {
      if (!e.message.startsWith('exit ')) throw e;
    });
  return out;
}

describe('the CLI against an API with tokens', () => {
  it('without a token: exit 2 and one line naming --token and DRIFTWATCH_TOKEN', async () => {
    const r = await driftwatch('policy', 'show', '--model', 'm', '--api', api);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'driftwatch: the API refused the request (401): missing bearer token: send Authorization: Bearer <token> (this API needs a token: pass --token or set DRIFTWATCH_TOKEN)\n',
    );
  });

  it('with a wrong token: exit 2, naming where it came from and not showing it', async () => {
    const wrong = 'not-a-configured-token-42';
    const r = await driftwatch('policy', 'show', '--model', 'm', '--api', api, '--token', wrong);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: the API refused the request (401): invalid bearer token (the token of --token / DRIFTWATCH_TOKEN is not accepted)\n');
  });

  it('with a token below the scope: exit 2 with the 403 naming the scopes and the option', async () => {
    process.env.DRIFTWATCH_TOKEN = READ;
    const r = await driftwatch('policy', 'set', '--model', 'm', '--file', path.join(dir, 'policy.json'), '--api', api);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'driftwatch: the API refused the request (403): this token has scope read; this request needs write (pass a token of that scope with --token or DRIFTWATCH_TOKEN)\n',
    );
  });

  it('sends DRIFTWATCH_TOKEN, and --token over it', async () => {
    process.env.DRIFTWATCH_TOKEN = READ;
    const shown = await driftwatch('policy', 'show', '--model', 'm', '--api', api, '--format', 'json');
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    const set = await driftwatch('policy', 'set', '--model', 'm', '--file', path.join(dir, 'policy.json'), '--api', api, '--token', WRITE, '--format', 'json');
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect((JSON.parse(set.stdout) as { policy: unknown }).policy).toEqual({ minWindowEvents: 30 });
  });

  it('refuses a token that cannot be a header value, without echoing it', async () => {
    const r = await driftwatch('policy', 'show', '--model', 'm', '--api', api, '--token', 'two words secret');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('driftwatch: --token must be one token of visible ASCII characters, without spaces\n');
  });
});
