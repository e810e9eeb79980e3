import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@driftwatch/testing';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'driftwatch-npm-start-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start (tools/start.cjs)', () => {
  it('builds, runs the standalone app, shows where the API listens, and stops on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(ROOT, 'tools', 'start.cjs')], {
      cwd: ROOT,
      env: {
        ...process.env,
        HTTP_PORT: String(port),
        DRIFTWATCH_DATA_DIR: dataDir,
        // An explicit cluster (the test broker): no local broker is started for a temp data dir.
        KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
        DRIFTWATCH_CONSUMER_GROUP_PREFIX: `dw-test-npm-start-${process.pid}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const banner = `driftwatch: Driftwatch is running: report page http://127.0.0.1:${port}/, API http://127.0.0.1:${port}/api, docs http://127.0.0.1:${port}/api/docs`;
    const deadline = Date.now() + 100_000;
    while (!output.includes(banner) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(output, output).toContain(banner);
    expect(output).toContain(`using the Kafka cluster at ${process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'}`);
    expect((await fetch(`http://127.0.0.1:${port}/api/models`)).status).toBe(200);
    // The built process finds the page's static files (kept in the sources, beside dist/).
    for (const file of ['/', '/page/page.mjs', '/page/chart.umd.min.js']) expect((await fetch(`http://127.0.0.1:${port}${file}`)).status, file).toBe(200);

    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(output).toContain('driftwatch: stopped');
  }, 150_000);
});
