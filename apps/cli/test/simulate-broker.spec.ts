import { decodeInferenceEvent, type InferenceEvent } from '@driftwatch/contracts';
import { createKafka } from '@driftwatch/kafka';
import { collectTopic, connectAdminOrExplain, freePort, TEST_BROKERS, uniqueName, waitFor, type TopicCollector } from '@driftwatch/testing';
import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_CATEGORY } from '../src/simulate/drift-scenarios';
import { EventGenerator } from '../src/simulate/event-generator';
import { runCli } from './run-cli.test-util';

// `driftwatch simulate` against the real broker, each run on a topic of its own.
let kafka: Kafka;
let admin: Admin;
const brokers = TEST_BROKERS.join(',');

beforeAll(async () => {
  kafka = createKafka({ brokers: TEST_BROKERS, clientId: 'driftwatch-cli-simulate-test', logLevel: 'error' });
  admin = await connectAdminOrExplain(kafka);
});

afterAll(async () => {
  await admin?.disconnect();
});

async function newTopic(): Promise<string> {
  const topic = uniqueName('simulate');
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  return topic;
}

interface Received {
  key: string | null;
  partition: number;
  decoded: ReturnType<typeof decodeInferenceEvent>;
}

describe('driftwatch simulate → Kafka', () => {
  let collector: TopicCollector<Received> | undefined;
  afterAll(async () => collector?.stop());

  it('publishes the requested events, keyed by model, valid under the contract, drifting from --drift-after', async () => {
    const topic = await newTopic();
    const before = Date.now();
    const run = await runCli([
      'simulate', '--model', 'sim-a', '--model-version', '3', '--events', '400', '--rate', '4000', '--drift', 'new-category',
      '--drift-after', '0.25', '--seed', '5', '--brokers', brokers, '--topic', topic, '--format', 'json',
    ]);
    const after = Date.now();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ model: 'sim-a', modelVersion: '3', topic, requested: 400, sent: 400, interrupted: false, seed: 5 });
    expect(summary.drift).toMatchObject({
      scenario: 'new-category',
      fromEvent: 100,
      expect: { kind: 'new_category', feature: 'region' },
      // The new category moves region's distribution too: said up front, not a surprise incident.
      alsoExpect: [{ kind: 'data_drift', feature: 'region', severity: 'warning' }],
    });
    expect(summary.baseline).toEqual({ status: 'not-requested' });

    collector = await collectTopic(kafka, topic, {
      map: (m, partition) => ({ key: m.key?.toString() ?? null, partition, decoded: decodeInferenceEvent(m.value ?? Buffer.alloc(0), { format: 'json' }) }),
    });
    await waitFor('400 simulated events', () => (collector?.messages.length ?? 0) >= 400, 20_000);
    const received = collector.messages;
    expect(received).toHaveLength(400);
    const events: InferenceEvent[] = received.map((r) => {
      if (!r.decoded.ok) throw new Error(`an event does not decode: ${r.decoded.reason}`);
      return r.decoded.event;
    });
    expect(new Set(received.map((r) => r.key))).toEqual(new Set(['sim-a']));
    // Keyed by model: one partition, hence in the order sent.
    expect(new Set(received.map((r) => r.partition)).size).toBe(1);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(400);
    expect(events.every((e) => e.modelId === 'sim-a' && e.modelVersion === '3')).toBe(true);
    // Real time (--time-scale 1): stamped within the run, never ahead of the clock, in order.
    for (let i = 0; i < events.length; i++) {
      expect(events[i].timestamp).toBeGreaterThanOrEqual(before);
      expect(events[i].timestamp).toBeLessThanOrEqual(after);
      if (i > 0) expect(events[i].timestamp).toBeGreaterThanOrEqual(events[i - 1].timestamp);
    }
    // The run took at least events / rate = 0.1 s, paced rather than sent at once.
    expect(events[399].timestamp - events[0].timestamp).toBeGreaterThanOrEqual(99);

    // The seeded generator's events, as sent: same seed, same features and predictions.
    const generator = new EventGenerator({ modelId: 'sim-a', modelVersion: '3', seed: 5, scenario: 'new-category', driftFrom: 100, runId: 'x' });
    const expected = events.map((e) => generator.next(e.timestamp));
    expect(events.map((e) => [e.features, e.prediction])).toEqual(expected.map((e) => [e.features, e.prediction]));
    expect(events.slice(0, 100).some((e) => e.features.region === NEW_CATEGORY)).toBe(false);
    expect(events.slice(100).some((e) => e.features.region === NEW_CATEGORY)).toBe(true);
  });

  it('with --time-scale, spreads event time over that many times the run, ending no later than the clock', async () => {
    const topic = await newTopic();
    const before = Date.now();
    const run = await runCli(['simulate', '--model', 'sim-b', '--events', '200', '--rate', '2000', '--time-scale', '600', '--brokers', brokers, '--topic', topic, '--format', 'json']);
    const after = Date.now();
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    const from = Date.parse(summary.eventTime.from);
    const to = Date.parse(summary.eventTime.to);
    // 200 events at 2000/s last 0.1 s; × 600 = 60 s of event time, the first event 59.9 s before the run started.
    expect(to - from).toBeGreaterThan(59_000);
    expect(to - from).toBeLessThanOrEqual(60_000);
    expect(from).toBeGreaterThanOrEqual(before - 60_000);
    expect(to).toBeLessThanOrEqual(after);
    expect(summary.windows.covered).toBeGreaterThanOrEqual(1);
    expect(summary.windows.covered).toBeLessThanOrEqual(2);
  });
});

describe('driftwatch simulate: exit codes', () => {
  it('exits 3, naming the broker, when no broker listens', async () => {
    const port = await freePort();
    const run = await runCli(['simulate', '--model', 'm', '--events', '10', '--brokers', `127.0.0.1:${port}`]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^driftwatch: cannot reach the Kafka broker at 127\\.0\\.0\\.1:${port} .*\\n$`));
  });

  it('exits 3 when the topic does not exist, naming it', async () => {
    const topic = uniqueName('absent');
    const run = await runCli(['simulate', '--model', 'm', '--events', '10', '--brokers', brokers, '--topic', topic]);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`driftwatch: topic "${topic}" does not exist on ${brokers}; Driftwatch creates its topics when it starts (\`npm start\`), or pass --topic\n`);
  });

  it.each([
    [['--drift', 'sideways'], /^driftwatch: unknown --drift "sideways" \(use one of none, shift, /],
    [['--events', '0'], /^driftwatch: --events must be an integer from 1 to 10000000, got "0"/],
    [['--rate', 'fast'], /^driftwatch: --rate must be an integer/],
    [['--drift-after', '1.5'], /^driftwatch: --drift-after must be a number from 0 to 1, got "1.5"/],
    [['--time-scale', '0.5'], /^driftwatch: --time-scale must be a number from 1 to/],
    [['--brokers', 'localhost'], /^driftwatch: --brokers must be host:port/],
    [['--model-version', ''], /^driftwatch: --model \/ --model-version: invalid InferenceEvent/],
    [['--api', 'ftp://x'], /^driftwatch: --api must be an http:\/\/ or https:\/\/ URL/],
  ])('exits 2 on %j, with one line', async (args, message) => {
    const run = await runCli(['simulate', '--model', 'm', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 without --model', async () => {
    const run = await runCli(['simulate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^driftwatch: required option '--model <id>' not specified/);
  });
});
