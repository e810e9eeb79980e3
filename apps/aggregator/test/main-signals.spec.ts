import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKafka } from '@driftwatch/kafka';
import { connectAdminOrExplain, freePort, isolatedEnv, tempDir, TEST_BROKERS, uniqueName, waitFor } from '@driftwatch/testing';

const data = tempDir('driftwatch-aggregator-main-');
afterAll(() => data.remove());

describe('the aggregator service main (distributed mode)', () => {
  it('stops once on SIGTERM, even sent twice as a process group gets it: one stop line, groups left, exit 0', async () => {
    const base = uniqueName('aggregator-main');
    const env = { ...process.env, ...isolatedEnv(base, { dataDir: data.dir }), HTTP_PORT: String(await freePort()) };
    const support = path.join(__dirname, 'support');
    const child = spawn(process.execPath, ['-r', path.join(support, 'swc-register.cjs'), path.join(__dirname, '..', 'src', 'main.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const admin = await connectAdminOrExplain(createKafka({ brokers: TEST_BROKERS, clientId: 'aggregator-main-test', logLevel: 'nothing' }));
    const groups = [`${base}-aggregator`, `${base}-labels`];
    try {
      await waitFor('the aggregator to run', () => output.includes('running; metrics on') || child.exitCode !== null, 120_000);
      expect(child.exitCode, output).toBeNull();
      child.kill('SIGTERM');
      child.kill('SIGTERM');
      expect(await exit, output).toEqual({ code: 0, signal: null });
      expect(output.match(/SIGTERM received, stopping: writing the histograms of \d+ open windows? and committing their offsets \(groups [^)]+\); then leaving the consumer groups/g), output).toHaveLength(1);
      expect(output).toMatch(/stopped in \d+\.\d s/);
      expect(output).not.toContain('again');
      const described = (await admin.describeGroups(groups)).groups;
      expect(described.map((g) => [g.groupId, g.state]).sort()).toEqual(groups.map((g) => [g, 'Empty']).sort());
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await admin.deleteGroups(groups).catch(() => undefined);
      await admin.deleteTopics({ topics: Object.entries(isolatedEnv(base, { dataDir: data.dir })).filter(([k]) => k.startsWith('DRIFTWATCH_TOPIC_')).map(([, v]) => v) }).catch(() => undefined);
      await admin.disconnect();
    }
  }, 180_000);
});
