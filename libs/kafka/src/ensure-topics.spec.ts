import type { Admin, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTopics } from './ensure-topics';
import { connectAdminOrExplain, testKafka, uniqueName } from './test-broker.test-util';
import { topicNames, topicSpecs, type TopicKey } from './topics';

describe('ensureTopics against a real broker', () => {
  let kafka: Kafka;
  let admin: Admin;
  const toDelete: string[] = [];

  beforeAll(async () => {
    kafka = testKafka();
    admin = await connectAdminOrExplain(kafka);
  });

  afterAll(async () => {
    if (toDelete.length > 0) await admin?.deleteTopics({ topics: toDelete }).catch(() => undefined);
    await admin?.disconnect();
  });

  async function partitionsOf(topic: string): Promise<number> {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0].partitions.length;
  }

  it('creates missing topics with their partitions and configs, then leaves them alone', async () => {
    const a = uniqueName('ensure-a');
    const b = uniqueName('ensure-b');
    toDelete.push(a, b);
    const specs = [
      { topic: a, numPartitions: 3, config: { 'retention.ms': '3600000' } },
      { topic: b, numPartitions: 1 },
    ];

    const first = await ensureTopics(admin, specs);
    expect(first.created.sort()).toEqual([a, b].sort());
    expect(first.existing).toEqual([]);
    expect(await partitionsOf(a)).toBe(3);
    expect(await partitionsOf(b)).toBe(1);
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2 /* TOPIC */, name: a, configNames: ['retention.ms'] }],
    });
    expect(described.resources[0].configEntries.find((e) => e.configName === 'retention.ms')?.configValue).toBe('3600000');

    const second = await ensureTopics(admin, specs);
    expect(second).toEqual({ created: [], existing: [a, b], underPartitioned: [] });

    // Asking for more partitions reports the gap and does not repartition.
    const third = await ensureTopics(admin, [{ topic: a, numPartitions: 5 }]);
    expect(third.underPartitioned).toEqual([{ topic: a, partitions: 3, wanted: 5 }]);
    expect(await partitionsOf(a)).toBe(3);
  });

  it('tolerates two instances creating the same topics at once', async () => {
    const specs = [1, 2, 3].map((i) => ({ topic: uniqueName(`race-${i}`), numPartitions: 2 }));
    toDelete.push(...specs.map((s) => s.topic));
    const otherAdmin = await connectAdminOrExplain(kafka);
    try {
      await Promise.all([ensureTopics(admin, specs), ensureTopics(otherAdmin, specs)]);
    } finally {
      await otherAdmin.disconnect();
    }
    for (const s of specs) expect(await partitionsOf(s.topic)).toBe(2);
  });

  it('creates the Driftwatch topics under configured names with the intended partitions', async () => {
    const keys: TopicKey[] = ['events', 'labels', 'windows', 'evaluations', 'incidents', 'dlq'];
    const names = topicNames(Object.fromEntries(keys.map((k) => [k, uniqueName(k)])));
    toDelete.push(...Object.values(names));

    const result = await ensureTopics(admin, topicSpecs(names));
    expect(result.created).toHaveLength(6);
    // Partition counts asked for by the streaming-ingestion issue; the incidents topic stays ordered.
    const expected: Record<TopicKey, number> = { events: 6, labels: 6, windows: 3, evaluations: 3, incidents: 1, dlq: 1 };
    for (const k of keys) expect(await partitionsOf(names[k]), k).toBe(expected[k]);
  });

  it('rejects a spec without partitions before talking to the broker', async () => {
    await expect(ensureTopics(admin, [{ topic: uniqueName('bad'), numPartitions: 0 }])).rejects.toThrow(/whole number of partitions/);
  });
});
