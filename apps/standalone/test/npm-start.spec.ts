import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKafka, createProducer, sendRecords } from '@driftwatch/kafka';
import { connectAdminOrExplain, freePort, isolatedEnv, TEST_BROKERS, uniqueName, waitFor } from '@driftwatch/testing';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'driftwatch-npm-start-'));
const restartDataDir = mkdtempSync(path.join(tmpdir(), 'driftwatch-npm-restart-'));
const running = new Set<ChildProcess>();

afterAll(() => {
  // A failed assertion must not leave an app holding the data directory and its groups.
  for (const child of running) if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(restartDataDir, { recursive: true, force: true });
});

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
    // The build may run first, slowly on a loaded machine.
    const deadline = Date.now() + 300_000;
    while (!output.includes(banner) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(output, output).toContain(banner);
    expect(output).toContain(`using the Kafka cluster at ${process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'}`);
    expect((await fetch(`http://127.0.0.1:${port}/api/models`)).status).toBe(200);
    // The built process finds the page's static files (kept in the sources, beside dist/).
    for (const file of ['/', '/page/page.mjs', '/page/chart.umd.min.js']) expect((await fetch(`http://127.0.0.1:${port}${file}`)).status, file).toBe(200);

    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(output).toContain('driftwatch: stopped');
  }, 360_000);

  it('stops once on a SIGTERM to the process group (exit 0, one stop line), leaves its groups, and restarts without waiting for them', async () => {
    const base = uniqueName('npm-restart');
    const port = await freePort();
    // A member left behind would hold the restart's join for this long: far above the bound below.
    const sessionTimeoutMs = 60_000;
    const isolated = isolatedEnv(base, { dataDir: restartDataDir });
    const env = {
      ...process.env,
      ...isolated,
      HTTP_PORT: String(port),
      KAFKA_SESSION_TIMEOUT_MS: String(sessionTimeoutMs),
      // The test above built everything.
      DRIFTWATCH_SKIP_BUILD: '1',
    };
    const kafka = createKafka({ brokers: TEST_BROKERS, clientId: 'npm-restart-test', logLevel: 'nothing' });
    const admin = await connectAdminOrExplain(kafka);
    const producer = createProducer(kafka);
    await producer.connect();
    const groups = ['aggregator', 'labels', 'evaluator', 'alerter', 'alerter-webhooks'].map((g) => `${base}-${g}`);
    try {
      const first = npmStart(env);
      await first.listening();
      await sendEvent(producer, isolated.DRIFTWATCH_TOPIC_EVENTS, base, 1);
      await waitFor('the first run to consume the event', async () => (await consumedEvents(port)) > 0, 60_000);

      // What Compose (PID 1 only), systemd and Kubernetes send; here to the whole group, as a terminal or systemd does.
      process.kill(-first.child.pid!, 'SIGTERM');
      expect(await first.exit, first.output()).toBe(0);
      expect(first.output().match(/SIGTERM received, stopping: writing the histograms of \d+ open windows?/g), first.output()).toHaveLength(1);
      expect(first.output()).toMatch(/stopped in \d+\.\d s/);
      expect(first.output()).not.toContain('again');
      const described = (await admin.describeGroups(groups)).groups;
      expect(described.map((g) => [g.groupId, g.state, g.members.length]).sort()).toEqual(groups.map((g) => [g, 'Empty', 0]).sort());

      await sendEvent(producer, isolated.DRIFTWATCH_TOPIC_EVENTS, base, 2);
      const restarted = Date.now();
      const second = npmStart(env);
      await second.listening();
      await waitFor('the restart to consume the event sent while stopped', async () => (await consumedEvents(port)) > 0, 60_000);
      // A loaded machine starts slowly, but well under the session a member left behind would hold the join for.
      expect(Date.now() - restarted, second.output()).toBeLessThan(sessionTimeoutMs * 0.75);
      expect(second.output()).not.toContain('previous member');

      // Ctrl-C: SIGINT to the group, and again one clean stop.
      process.kill(-second.child.pid!, 'SIGINT');
      expect(await second.exit, second.output()).toBe(0);
      expect(second.output().match(/received, stopping/g)).toHaveLength(1);
    } finally {
      await producer.disconnect();
      await admin.deleteGroups(groups).catch(() => undefined);
      await admin.deleteTopics({ topics: Object.entries(isolated).filter(([k]) => k.startsWith('DRIFTWATCH_TOPIC_')).map(([, v]) => v) }).catch(() => undefined);
      await admin.disconnect();
    }
  }, 300_000);
});

/** `npm start` as a user runs it, in a process group of its own (npm, tools/start.cjs and the app). */
function npmStart(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exit: Promise<number | null>; listening: () => Promise<void> } {
  const child = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return {
    child,
    output: () => output,
    exit,
    listening: () => waitFor('npm start to show the running banner', () => output.includes('Driftwatch is running') || child.exitCode !== null, 120_000).then(() => {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    }),
  };
}

async function sendEvent(producer: ReturnType<typeof createProducer>, topic: string, base: string, n: number): Promise<void> {
  const event = { eventId: `${base}-${n}`, modelId: 'npm-restart', modelVersion: '1', timestamp: new Date().toISOString(), features: { x: n }, prediction: 0.5 };
  await sendRecords(producer, topic, [{ key: 'npm-restart', value: JSON.stringify(event) }]);
}

/** The app's driftwatch_events_total over every model and outcome; -1 while it does not answer. */
async function consumedEvents(port: number): Promise<number> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith('driftwatch_events_total{'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  } catch {
    return -1;
  }
}
