import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@driftwatch/testing';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'dist', 'apps', 'standalone', 'apps', 'standalone', 'src', 'main.js');

let dataDir: string;
let child: ChildProcess | undefined;
let output = '';

beforeAll(() => {
  // Built here rather than trusted from dist/: a stale build would test old code.
  for (const tool of ['tsc', 'tsc-alias']) {
    const r = spawnSync('npx', [tool, '-p', 'apps/standalone/tsconfig.app.json'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`building the standalone app failed:\n${r.stdout}${r.stderr}`);
  }
  dataDir = mkdtempSync(path.join(tmpdir(), 'driftwatch-standalone-'));
});

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function runToExit(env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (status) => resolve({ status, stderr }));
  });
}

function exited(p: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => p.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('the standalone process', () => {
  it('exits 1 with one line naming each invalid variable, without a stack trace', () => {
    const r = spawnSync(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { ...process.env, DRIFTWATCH_DATA_DIR: dataDir, HTTP_PORT: '80800', KAFKA_BROKERS: 'nowhere' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'driftwatch: invalid configuration: KAFKA_BROKERS: expected a comma-separated list of host:port, got "nowhere"; HTTP_PORT: expected an integer 1..65535, got "80800"\n',
    );
  });

  it('refuses to listen beyond loopback without API tokens: exit 1, one line naming HTTP_HOST and DRIFTWATCH_API_TOKENS', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DRIFTWATCH_DATA_DIR: dataDir, HTTP_HOST: '0.0.0.0' };
    delete env.DRIFTWATCH_API_TOKENS;
    delete env.DRIFTWATCH_API_TOKENS_FILE;
    const r = spawnSync(process.execPath, [MAIN], { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'driftwatch: invalid configuration: HTTP_HOST: 0.0.0.0 is reachable from other machines but DRIFTWATCH_API_TOKENS (or DRIFTWATCH_API_TOKENS_FILE) sets no token: set tokens, or bind HTTP_HOST=127.0.0.1\n',
    );
  });

  it('never shows a configured token, not even in a refused configuration', () => {
    const token = 'smoke-secret-token-0123456789';
    const r = spawnSync(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { ...process.env, DRIFTWATCH_DATA_DIR: dataDir, DRIFTWATCH_API_TOKENS: `reader:${token}`, HTTP_PORT: 'x' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('DRIFTWATCH_API_TOKENS: entry 1: unknown scope');
    expect(r.stderr + r.stdout).not.toContain(token);
  });

  it('starts on the embedded engine and the real broker, becomes ready, serves the API and stops on SIGTERM with code 0', async () => {
    const port = await freePort();
    child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        DRIFTWATCH_DATA_DIR: dataDir,
        HTTP_PORT: String(port),
        // A group of its own: the smoke test must not take partitions from other tests' consumers.
        DRIFTWATCH_CONSUMER_GROUP_PREFIX: `dw-test-standalone-${process.pid}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exit = exited(child);

    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    let ready: { status: number; body: unknown } | undefined;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        const res = await fetch(`${base}/health/ready`);
        ready = { status: res.status, body: await res.json() };
        if (res.status === 200) break;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(ready, `never answered /health/ready; output:\n${output}`).toBeDefined();
    expect(ready?.body).toEqual({ status: 'ready', checks: { clickhouse: { ok: true }, kafka: { ok: true }, aggregator: { ok: true }, evaluator: { ok: true }, alerter: { ok: true } } });
    expect(output).toContain(`API listening on http://127.0.0.1:${port}/api`);

    const models = await fetch(`${base}/api/models`);
    expect(models.status).toBe(200);
    // The aggregator may already have ingested events other tests left in the topic.
    expect(((await models.json()) as { models: unknown }).models).toBeInstanceOf(Array);

    // A second process on the same data directory: one line naming the problem, exit code 1.
    // Asynchronously: the first process's output pipe must keep draining meanwhile.
    const second = await runToExit({ ...process.env, DRIFTWATCH_DATA_DIR: dataDir, HTTP_PORT: String(await freePort()) });
    expect(second.status).toBe(1);
    const lines = second.stderr.split('\n').filter((l) => l.startsWith('driftwatch: '));
    expect(lines).toEqual([expect.stringMatching(/^driftwatch: The embedded ClickHouse data directory .* is already in use by another process \(pid \d+\)/)]);
    expect(second.stderr).not.toMatch(/\n\s+at /);

    child.kill('SIGTERM');
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(output).toMatch(/SIGTERM received, stopping: writing the histograms of \d+ open windows?/);
    expect(output).toMatch(/stopped in \d+\.\d s/);
  }, 120_000);
});
