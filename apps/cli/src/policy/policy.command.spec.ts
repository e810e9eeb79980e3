import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@driftwatch/config';
import { RuntimeModule } from '@driftwatch/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The real policy API in this process (embedded ClickHouse); the CLI runs in-process against it.
import { configureHttpApp, PoliciesHttpModule } from '@driftwatch/api';
import type { CliIo } from '../cli-io';
import { buildProgram } from '../program';

let app: INestApplication;
let api: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'driftwatch-cli-policy-'));
  const config = loadConfig({ ...process.env, DRIFTWATCH_DATA_DIR: path.join(dir, 'data') });
  const moduleRef = await Test.createTestingModule({ imports: [RuntimeModule.forRoot({ config }), PoliciesHttpModule] }).compile();
  app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] });
  configureHttpApp(app as NestExpressApplication);
  await app.listen(0, '127.0.0.1');
  api = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  writeFileSync(path.join(dir, 'policy.json'), JSON.stringify({ minWindowEvents: 200, features: { income: { method: 'psi', threshold: 0.2 } } }));
  writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ silence: { afterWindows: 0 } }));
  writeFileSync(path.join(dir, 'broken.json'), '{"minWindowEvents": ');
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

describe('driftwatch policy', () => {
  it('show: the defaults of a model without a policy, as a table', async () => {
    const r = await driftwatch('policy', 'show', '--model', 'credit-risk', '--api', api, '--format', 'table');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('policy of credit-risk (defaults: none stored)');
    expect(r.stdout).toContain('minimum window      100 events (smaller windows are not judged)');
    expect(r.stdout).toContain('incidents           open after 1 bad, resolve after 3 clean, re-notify after 3600 s');
    expect(r.stdout).toContain("drift, alarm rate   at most 1 false incident(s) per 30 days: drift must exceed a clean window's noise at that rate");
    expect(r.stdout).toContain('drift reference     the baseline\n');
  });

  it('show: the false-alarm target of a stored policy', async () => {
    writeFileSync(path.join(dir, 'false-alarms.json'), JSON.stringify({ drift: { falseAlarmRate: 3 }, reference: { mode: 'both' } }));
    const set = await driftwatch('policy', 'set', '--model', 'small-windows', '--file', path.join(dir, 'false-alarms.json'), '--api', api, '--format', 'json');
    expect(set.code).toBe(0);
    expect((JSON.parse(set.stdout) as { effective: { drift: { falseAlarmRate: number } } }).effective.drift.falseAlarmRate).toBe(3);
    const r = await driftwatch('policy', 'show', '--model', 'small-windows', '--api', api, '--format', 'table');
    expect(r.stdout).toContain('drift, alarm rate   at most 3 false incident(s) per 30 days');
    expect(r.stdout).toContain('drift reference     drift only where the baseline and the same span 604800 s earlier both say so; that span when it holds 1000+ events, else the baseline alone');
  });

  it('set --file stores the overrides; show --format json prints them with the effective policy', async () => {
    const set = await driftwatch('policy', 'set', '--model', 'credit-risk', '--file', path.join(dir, 'policy.json'), '--api', api, '--format', 'table');
    expect(set.code).toBe(0);
    // No baseline yet, so no feature warnings; the table lists the feature settings.
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('    income  method psi, threshold 0.2');
    const show = await driftwatch('policy', 'show', '--model', 'credit-risk', '--api', api, '--format', 'json');
    const view = JSON.parse(show.stdout) as { policy: unknown; effective: { minWindowEvents: number; missing: unknown } };
    expect(view.policy).toEqual({ minWindowEvents: 200, features: { income: { method: 'psi', threshold: 0.2 } } });
    expect(view.effective.minWindowEvents).toBe(200);
    expect(view.effective.missing).toEqual({ increase: 0.05, critical: 0.2 });
  });

  it('set --reset goes back to the defaults', async () => {
    const r = await driftwatch('policy', 'set', '--model', 'credit-risk', '--reset', '--api', api, '--format', 'json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { effective: { minWindowEvents: number } }).effective.minWindowEvents).toBe(100);
  });

  it('reports a policy the API refuses, a broken file and bad usage with exit code 2', async () => {
    const refused = await driftwatch('policy', 'set', '--model', 'm', '--file', path.join(dir, 'bad.json'), '--api', api);
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: 'driftwatch: the API refused the request (400): invalid policy: silence.afterWindows: expected an integer from 1 to 10000, got 0\n',
    });
    const broken = await driftwatch('policy', 'set', '--model', 'm', '--file', path.join(dir, 'broken.json'), '--api', api);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^driftwatch: --file .*broken\.json is not valid JSON: /);
    const missing = await driftwatch('policy', 'set', '--model', 'm', '--file', path.join(dir, 'nope.json'), '--api', api);
    expect(missing.stderr).toMatch(/^driftwatch: cannot read --file .*nope\.json: ENOENT\n$/);
    const both = await driftwatch('policy', 'set', '--model', 'm', '--api', api);
    expect(both).toMatchObject({ code: 2, stderr: 'driftwatch: give either --file policy.json or --reset\n' });
  });

  it('exit code 3 when no API answers', async () => {
    const r = await driftwatch('policy', 'show', '--model', 'm', '--api', 'http://127.0.0.1:9');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^driftwatch: cannot reach the Driftwatch API at http:\/\/127\.0\.0\.1:9 /);
  });
});
