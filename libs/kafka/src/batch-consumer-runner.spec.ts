import type { Admin, Kafka, Producer } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BatchConsumerRunner, type BatchConsumerRunnerOptions, type PartitionRef } from './batch-consumer-runner';
import { consumerLagGauge } from './consumer-metrics';
import { ensureTopics } from './ensure-topics';
import { createProducer, sendRecords } from './producer';
import { connectAdminOrExplain, testKafka, uniqueName, waitFor } from './test-broker.test-util';

interface Seen {
  partition: number;
  offset: string;
  value: string;
}

describe('BatchConsumerRunner against a real broker', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const topics: string[] = [];
  const runners: BatchConsumerRunner[] = [];

  beforeAll(async () => {
    kafka = testKafka();
    admin = await connectAdminOrExplain(kafka);
    producer = createProducer(kafka);
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await producer?.disconnect();
    if (topics.length > 0) await admin?.deleteTopics({ topics }).catch(() => undefined);
    await admin?.disconnect();
  });

  async function topicWith(partitions: number, perPartition: number, tag: string): Promise<string> {
    const topic = uniqueName(tag);
    topics.push(topic);
    await ensureTopics(admin, [{ topic, numPartitions: partitions }]);
    await produce(topic, partitions, perPartition, 0);
    return topic;
  }

  async function produce(topic: string, partitions: number, perPartition: number, from: number): Promise<void> {
    const records = [];
    for (let p = 0; p < partitions; p++) {
      for (let i = from; i < from + perPartition; i++) records.push({ partition: p, value: `p${p}-${i}` });
    }
    await sendRecords(producer, topic, records);
  }

  function runner(options: Partial<BatchConsumerRunnerOptions> & Pick<BatchConsumerRunnerOptions, 'groupId' | 'topics' | 'handler'>): BatchConsumerRunner {
    const r = new BatchConsumerRunner(kafka, { maxWaitTimeMs: 100, heartbeatIntervalMs: 500, sessionTimeoutMs: 10_000, restartDelayMs: 100, ...options });
    runners.push(r);
    return r;
  }

  function collector(seen: Seen[]) {
    return (batch: { partition: number; messages: { offset: string; value: Buffer | null }[] }) => {
      for (const m of batch.messages) seen.push({ partition: batch.partition, offset: m.offset, value: m.value!.toString() });
    };
  }

  async function committedOffsets(groupId: string, topic: string): Promise<Record<number, string>> {
    const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries(t.partitions.map((p) => [p.partition, p.offset]));
  }

  it('commits nothing until the handler reports durability: a new member gets every message again', async () => {
    const topic = await topicWith(2, 10, 'no-ack');
    const groupId = uniqueName('no-ack-group');

    const first: Seen[] = [];
    const r1 = runner({ groupId, topics: [topic], handler: async (b) => void collector(first)(b) });
    await r1.start();
    await waitFor('20 messages on the first member', () => first.length >= 20);
    await r1.stop();
    expect(await committedOffsets(groupId, topic)).toEqual({ 0: '-1', 1: '-1' });

    // Same group after a "crash" without acknowledgement: everything is redelivered.
    const second: Seen[] = [];
    const r2 = runner({ groupId, topics: [topic], handler: async (b) => void collector(second)(b) });
    await r2.start();
    await waitFor('20 messages on the second member', () => second.length >= 20);
    const key = (s: Seen) => `${s.partition}:${s.offset}:${s.value}`;
    expect(second.map(key).sort()).toEqual(first.map(key).sort());
  });

  it('commits durableThrough + 1, and a restarted member resumes right after it', async () => {
    const topic = await topicWith(2, 10, 'partial-ack');
    const groupId = uniqueName('partial-ack-group');

    const first: Seen[] = [];
    const r1 = runner({
      groupId,
      topics: [topic],
      handler: async (b) => {
        collector(first)(b);
        // Durable only through offset 3 of each partition (e.g. one closed window of four events).
        return BigInt(b.messages[0].offset) <= 3n ? { durableThrough: '3' } : {};
      },
    });
    await r1.start();
    await waitFor('20 messages', () => first.length >= 20);
    await r1.stop();
    expect(await committedOffsets(groupId, topic)).toEqual({ 0: '4', 1: '4' });

    const second: Seen[] = [];
    const r2 = runner({ groupId, topics: [topic], handler: async (b) => void collector(second)(b) });
    await r2.start();
    await waitFor('12 redelivered messages', () => second.length >= 12);
    await new Promise((r) => setTimeout(r, 300));
    const expected = [0, 1].flatMap((p) => Array.from({ length: 6 }, (_, i) => `p${p}-${i + 4}`));
    expect(second.map((s) => s.value).sort()).toEqual(expected.sort());
  });

  it('commits from outside the handler after a durable write, never backwards, never for an old generation', async () => {
    const topic = await topicWith(1, 5, 'external-commit');
    const groupId = uniqueName('external-commit-group');
    let generation = -1;
    const seen: Seen[] = [];
    const r = runner({
      groupId,
      topics: [topic],
      handler: async (b) => {
        generation = b.generation;
        collector(seen)(b);
      },
    });
    await r.start();
    await waitFor('5 messages', () => seen.length >= 5);
    const ref: PartitionRef = { topic, partition: 0 };

    expect(await r.commit(ref, '4', generation)).toBe(true);
    expect(await committedOffsets(groupId, topic)).toEqual({ 0: '5' });
    expect(await r.commit(ref, '1', generation)).toBe(true);
    expect(await committedOffsets(groupId, topic)).toEqual({ 0: '5' });
    expect(await r.commit(ref, '4', generation - 1)).toBe(false);
    expect(await r.commit({ topic, partition: 7 }, '4', generation)).toBe(false);
  });

  it('after a handler error, revokes the partitions and redelivers from the last commit', async () => {
    const topic = await topicWith(1, 5, 'handler-error');
    const groupId = uniqueName('handler-error-group');
    const events: string[] = [];
    const deliveries: string[][] = [];
    const errors: Error[] = [];
    let calls = 0;
    const r = runner({
      groupId,
      topics: [topic],
      onPartitionsAssigned: (ps) => void events.push(`assigned ${ps.length}`),
      onPartitionsRevoked: (ps) => void events.push(`revoked ${ps.length}`),
      onError: (e) => void errors.push(e),
      handler: async (b) => {
        calls += 1;
        deliveries.push(b.messages.map((m) => m.offset));
        if (calls === 1) return { durableThrough: '2' };
        if (calls === 2) throw new Error('ClickHouse unavailable');
        return { durableThrough: b.lastOffset };
      },
    });
    await r.start();
    await waitFor('the first batch', () => calls >= 1);
    await produce(topic, 1, 3, 5);
    await waitFor('a delivery after the failure', () => calls >= 3);

    expect(errors.map((e) => e.message)).toEqual(['ClickHouse unavailable']);
    expect(events.slice(0, 3)).toEqual(['assigned 1', 'revoked 1', 'assigned 1']);
    // Offsets 0-2 were committed; everything after them comes again, from 3 on.
    expect(deliveries[2][0]).toBe('3');
    expect(deliveries[2].at(-1)).toBe('7');
  });

  it('a batch that fails the same way again and again: the message failing alone goes to the DLQ with the error, the rest is handled and committed', async () => {
    const topic = await topicWith(1, 0, 'poison');
    const groupId = uniqueName('poison-group');
    // Two poison messages among good ones; state that is only committed once a batch succeeds.
    const values = ['ok-0', 'ok-1', 'BAD-2', 'ok-3', 'ok-4', 'BAD-5', 'ok-6'];
    await sendRecords(producer, topic, values.map((value) => ({ partition: 0, value })));
    const handled = new Map<string, string>();
    const dead: { offset: string; value: string; reason: string }[] = [];
    const poisoned: string[] = [];
    const skippedSeen: string[] = [];
    let failures = 0;
    const r = runner({
      groupId,
      topics: [topic],
      poison: {
        maxAttempts: 2,
        deadLetter: async (entries) => void dead.push(...entries.map((e) => ({ offset: e.original.offset, value: e.original.value!.toString(), reason: e.reason }))),
        onPoison: (p) => void poisoned.push(`${p.offset}: ${p.error.message}`),
      },
      onError: () => void (failures += 1),
      handler: async (b) => {
        skippedSeen.push(...b.skipped);
        const pending = new Map<string, string>();
        for (const m of b.messages) {
          const value = m.value!.toString();
          if (value.startsWith('BAD')) throw new TypeError(`cannot read ${value}`);
          pending.set(m.offset, value);
        }
        for (const [o, v] of pending) handled.set(o, v);
        return { durableThrough: b.lastOffset };
      },
    });
    await r.start();
    await waitFor('both poison messages dead-lettered and the rest handled', () => dead.length === 2 && handled.size === 5, 30_000);
    await waitFor('the end committed', async () => {
      const [c] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return c.partitions[0].offset === '7';
    });

    expect(dead.map((d) => [d.offset, d.value])).toEqual([['2', 'BAD-2'], ['5', 'BAD-5']]);
    expect(dead[0].reason).toMatch(new RegExp(`^poison: ${groupId} failed 2 times on a batch from offset 0; alone, this message fails with: cannot read BAD-2$`));
    expect(poisoned).toEqual(['2: cannot read BAD-2', '5: cannot read BAD-5']);
    expect([...handled.keys()].sort()).toEqual(['0', '1', '3', '4', '6']);
    expect(skippedSeen).toContain('2');
    expect(failures).toBeGreaterThanOrEqual(4);
    const metric = await (await import('prom-client')).register.getSingleMetric('driftwatch_consumer_poison_messages_total')!.get();
    expect(metric.values.find((v) => v.labels.group === groupId)?.value).toBe(2);
  });

  it('a transient failure (store or broker down) is retried and never makes a batch poison', async () => {
    const topic = await topicWith(1, 3, 'transient');
    const groupId = uniqueName('transient-group');
    const dead: string[] = [];
    let calls = 0;
    const r = runner({
      groupId,
      topics: [topic],
      poison: { maxAttempts: 1, deadLetter: async (entries) => void dead.push(...entries.map((e) => e.original.offset)) },
      handler: async (b) => {
        calls += 1;
        if (calls <= 4) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' });
        return { durableThrough: b.lastOffset };
      },
    });
    await r.start();
    await waitFor('a delivery after the outage', () => calls >= 5, 30_000);
    expect(dead).toEqual([]);
  });

  it('splits partitions between two members and tells the first one its assignment was revoked', async () => {
    const topic = await topicWith(4, 0, 'two-members');
    const groupId = uniqueName('two-members-group');
    const revokedFromA: PartitionRef[][] = [];
    const seenA: Seen[] = [];
    const seenB: Seen[] = [];
    const ack = (seen: Seen[]) => async (b: Parameters<BatchConsumerRunnerOptions['handler']>[0]) => {
      collector(seen)(b);
      return { durableThrough: b.lastOffset };
    };
    const a = runner({ groupId, topics: [topic], handler: ack(seenA), onPartitionsRevoked: (ps) => void revokedFromA.push(ps) });
    await a.start();
    await a.whenAssigned();
    expect(a.assignment()).toHaveLength(4);

    const b = runner({ groupId, topics: [topic], handler: ack(seenB) });
    await b.start();
    // The two members learn the new generation's assignment one after the other; wait for both.
    const held = () => [...a.assignment(), ...b.assignment()].map((p) => p.partition).sort().join(',');
    await waitFor('the partitions split between both members', () => a.assignment().length > 0 && b.assignment().length > 0 && held() === '0,1,2,3', 20_000);
    expect(revokedFromA[0]).toHaveLength(4);

    await produce(topic, 4, 5, 0);
    await waitFor('20 messages across both members', () => seenA.length + seenB.length >= 20);
    const owner = (s: Seen, r: BatchConsumerRunner) => r.assignment().some((p) => p.partition === s.partition);
    expect(seenA.every((s) => owner(s, a))).toBe(true);
    expect(seenB.every((s) => owner(s, b))).toBe(true);
    expect([...seenA, ...seenB].map((s) => s.value).sort()).toEqual(
      [0, 1, 2, 3].flatMap((p) => Array.from({ length: 5 }, (_, i) => `p${p}-${i}`)).sort(),
    );
  });

  it('stop lets the application flush and commit before leaving the group', async () => {
    const topic = await topicWith(1, 3, 'flush');
    const groupId = uniqueName('flush-group');
    let pending: { offset: string; generation: number } | undefined;
    const r = runner({
      groupId,
      topics: [topic],
      handler: async (b) => {
        pending = { offset: b.lastOffset, generation: b.generation };
      },
    });
    await r.start();
    await waitFor('the batch', () => pending?.offset === '2');
    let flushed: boolean | undefined;
    await r.stop({ flush: async () => void (flushed = await r.commit({ topic, partition: 0 }, pending!.offset, pending!.generation)) });
    expect(flushed).toBe(true);
    expect(await committedOffsets(groupId, topic)).toEqual({ 0: '3' });
  });
  it('exports the consumer lag: it goes up with a backlog, down as the consumer drains it, and leaves with the partition', async () => {
    const topic = await topicWith(1, 1, 'lag');
    const groupId = uniqueName('lag-group');
    const labels = { group: groupId, topic, partition: '0' };
    const lagNow = async () => (await consumerLagGauge().get()).values.find((v) => v.labels.group === groupId && v.labels.topic === topic)?.value;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let handled = 0;
    const r = runner({
      groupId,
      topics: [topic],
      // Small fetches and a slow handler, so the backlog drains over many batches.
      maxBytesPerPartition: 2_048,
      handler: async (b) => {
        await gate;
        handled += b.messages.length;
        await new Promise((resolve) => setTimeout(resolve, 100));
      },
    });
    await r.start();
    await waitFor('the first batch in hand', async () => (await lagNow()) !== undefined, 60_000);
    const backlog = 400;
    // Many small produce requests: a fetch returns whole record batches, so one big one would come back at once.
    for (let i = 0; i < backlog; i += 10) await produce(topic, 1, 10, 1 + i);
    release();
    const seen: number[] = [];
    await waitFor(
      'the lag to rise with the backlog and drain to 0',
      async () => {
        const v = await lagNow();
        if (v !== undefined && v !== seen[seen.length - 1]) seen.push(v);
        return handled === backlog + 1 && v === 0;
      },
      120_000,
    );
    const peak = Math.max(...seen);
    // The batch fetched once the backlog was there saw (almost) all of it still to do.
    expect(peak).toBeGreaterThanOrEqual(backlog / 2);
    // Drained through several intermediate values, never rising again once it started to fall.
    const afterPeak = seen.slice(seen.indexOf(peak));
    expect(afterPeak.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < afterPeak.length; i++) expect(afterPeak[i]).toBeLessThan(afterPeak[i - 1]);
    await r.stop();
    expect((await consumerLagGauge().get()).values.some((v) => v.labels.group === labels.group)).toBe(false);
  }, 180_000);
});
