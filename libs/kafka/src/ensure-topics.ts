import type { Admin } from 'kafkajs';
import type { TopicSpec } from './topics';

export interface EnsureTopicsOptions {
  /** Replication factor of created topics; default min(3, number of brokers). */
  replicationFactor?: number;
  /** How long the broker may take to create the topics, in ms (default 30 000). */
  timeoutMs?: number;
}

export interface EnsureTopicsResult {
  created: string[];
  existing: string[];
  /**
   * Existing topics with fewer partitions than the spec asks for. They are reported, not altered:
   * adding partitions changes which partition a key lands on, an operator's decision.
   */
  underPartitioned: { topic: string; partitions: number; wanted: number }[];
}

/**
 * Creates the topics that do not exist yet, with the spec's partitions and configs; leaves existing
 * ones untouched. Safe to call from every app at start and from several instances at once.
 */
export async function ensureTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
  options: EnsureTopicsOptions = {},
): Promise<EnsureTopicsResult> {
  for (const spec of specs) {
    if (!spec.topic) throw new Error('ensureTopics: a topic spec has an empty topic name');
    if (!Number.isInteger(spec.numPartitions) || spec.numPartitions < 1) {
      throw new Error(`ensureTopics: topic ${spec.topic} needs a whole number of partitions ≥ 1, got ${spec.numPartitions}`);
    }
  }
  const before = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !before.has(s.topic));

  if (missing.length > 0) {
    const replicationFactor = options.replicationFactor ?? Math.min(3, (await admin.describeCluster()).brokers.length);
    try {
      await admin.createTopics({
        waitForLeaders: true,
        timeout: options.timeoutMs ?? 30_000,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.numPartitions,
          replicationFactor,
          configEntries: Object.entries(s.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    } catch (error) {
      // Another instance may have created some of them between our list and create: fine if all exist now.
      const after = new Set(await admin.listTopics());
      const stillMissing = missing.filter((s) => !after.has(s.topic)).map((s) => s.topic);
      if (stillMissing.length > 0) {
        throw new Error(`ensureTopics: could not create ${stillMissing.join(', ')}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  }

  const existingSpecs = specs.filter((s) => before.has(s.topic));
  const underPartitioned: EnsureTopicsResult['underPartitioned'] = [];
  if (existingSpecs.length > 0) {
    const { topics } = await admin.fetchTopicMetadata({ topics: existingSpecs.map((s) => s.topic) });
    for (const spec of existingSpecs) {
      const partitions = topics.find((t) => t.name === spec.topic)?.partitions.length ?? 0;
      if (partitions < spec.numPartitions) underPartitioned.push({ topic: spec.topic, partitions, wanted: spec.numPartitions });
    }
  }
  return {
    created: missing.map((s) => s.topic),
    existing: existingSpecs.map((s) => s.topic),
    underPartitioned,
  };
}
