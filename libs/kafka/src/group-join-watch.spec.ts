import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchConsumerRunner } from './batch-consumer-runner';
import { createKafka } from './create-kafka';
import { ensureTopics } from './ensure-topics';
import { clientSessionTimeout } from './group-join-watch';
import { connectAdminOrExplain, TEST_BROKERS, uniqueName } from './test-broker.test-util';

const ROOT = path.resolve(__dirname, '..', '..', '..');
// The broker's smallest session timeout by default: a killed member is dropped soonest.
const SESSION_MS = 6_000;

/** A member of `groupId` in another process, killed with SIGKILL once it joined: it never leaves the group. */
async function killedMember(groupId: string, topic: string): Promise<void> {
  const script = `
    const { Kafka, logLevel } = require('kafkajs');
    const kafka = new Kafka({ brokers: ${JSON.stringify(TEST_BROKERS)}, clientId: 'killed-member', logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: ${JSON.stringify(groupId)}, sessionTimeout: ${SESSION_MS}, heartbeatInterval: 1000 });
    consumer.on(consumer.events.GROUP_JOIN, () => process.kill(process.pid, 'SIGKILL'));
    consumer.connect().then(() => consumer.subscribe({ topics: [${JSON.stringify(topic)}] })).then(() => consumer.run({ eachBatch: async () => {} }));
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
  if (signal !== 'SIGKILL') throw new Error(`the member to kill did not join: ${stderr}`);
}

describe('slow group joins explained (watchGroupJoin through BatchConsumerRunner)', () => {
  const kafka = createKafka({ brokers: TEST_BROKERS, clientId: 'driftwatch-join-test', logLevel: 'nothing', sessionTimeoutMs: SESSION_MS });
  let admin: Admin;
  const topic = uniqueName('join-watch');

  beforeAll(async () => {
    admin = await connectAdminOrExplain(kafka);
    await ensureTopics(admin, [{ topic, numPartitions: 1 }]);
  });

  afterAll(async () => {
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
  });

  async function join(groupId: string): Promise<{ logs: string[]; ms: number; runner: BatchConsumerRunner }> {
    const logs: string[] = [];
    const runner = new BatchConsumerRunner(kafka, { groupId, topics: [topic], handler: async () => undefined, maxWaitTimeMs: 100, log: (m) => logs.push(m) });
    const started = Date.now();
    await runner.start();
    await runner.whenAssigned();
    return { logs, ms: Date.now() - started, runner };
  }

  it('takes the client session timeout as the consumers\' default', () => {
    expect(clientSessionTimeout(kafka)).toBe(SESSION_MS);
    expect(clientSessionTimeout(Object.create(kafka))).toBe(SESSION_MS);
  });

  it('says, while a join waits for a killed member, what it waits for and for how long at most; then when it joined', async () => {
    const groupId = uniqueName('join-watch-killed');
    await killedMember(groupId, topic);
    const { logs, ms, runner } = await join(groupId);
    try {
      expect(logs[0]).toMatch(new RegExp(`^joining consumer group ${groupId}: waiting for the previous member \\(killed-member@[^;]+; group Stable\\) to rejoin or, if it was killed rather than stopped, for its session to expire \\(up to 6\\.0 s, the session timeout\\)$`));
      expect(logs[1]).toMatch(new RegExp(`^joined consumer group ${groupId} after \\d+\\.\\d s$`));
      expect(logs).toHaveLength(2);
      // Bounded by the session timeout (plus a loaded machine's slack), not by the 60 s rebalance timeout.
      expect(ms).toBeLessThan(SESSION_MS + 15_000);
    } finally {
      await runner.stop();
    }
  }, 60_000);

  it('leaves the group on stop, so the next member joins without waiting for anyone', async () => {
    const groupId = uniqueName('join-watch-stopped');
    const first = await join(groupId);
    await first.runner.stop();
    const [group] = (await admin.describeGroups([groupId])).groups;
    expect(group.state).toBe('Empty');
    const second = await join(groupId);
    try {
      expect(second.logs.join('\n')).not.toContain('previous member');
    } finally {
      await second.runner.stop();
    }
  }, 60_000);
});
