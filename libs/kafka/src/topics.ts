import topicDefaults from './topics.json';

/** The logical topics of Driftwatch; each maps to a configurable Kafka topic name. */
export type TopicKey = 'events' | 'labels' | 'windows' | 'evaluations' | 'incidents' | 'dlq';

/** Kafka topic name per logical topic. */
export type TopicNames = Record<TopicKey, string>;

/** What `ensureTopics` creates when a topic is missing. */
export interface TopicSpec {
  topic: string;
  numPartitions: number;
  /** Topic-level configs, e.g. `{ 'retention.ms': '604800000' }`. */
  config?: Record<string, string>;
}

interface TopicDefault {
  key: TopicKey;
  name: string;
  numPartitions: number;
  config: Record<string, string>;
}

// topics.json is shared with deploy/local/kafka-admin.cjs, which creates the same topics at broker start.
const DEFAULTS = topicDefaults.topics as TopicDefault[];

/** Default topic names (docs/architecture.md, "Topics"). */
export const TOPICS: Readonly<TopicNames> = Object.freeze(
  Object.fromEntries(DEFAULTS.map((t) => [t.key, t.name])) as TopicNames,
);

/** Default names with the configured overrides applied; an empty name is a configuration error. */
export function topicNames(overrides: Partial<TopicNames> = {}): TopicNames {
  const names = { ...TOPICS };
  for (const [key, name] of Object.entries(overrides) as [TopicKey, string | undefined][]) {
    if (name === undefined) continue;
    if (!(key in TOPICS)) throw new Error(`unknown topic key "${key}"; expected one of ${Object.keys(TOPICS).join(', ')}`);
    if (name.trim() === '') throw new Error(`topic name for "${key}" is empty`);
    names[key] = name;
  }
  return names;
}

/** Partitions and retention of every Driftwatch topic, under the given names. */
export function topicSpecs(names: TopicNames = TOPICS): TopicSpec[] {
  return DEFAULTS.map((t) => ({ topic: names[t.key], numPartitions: t.numPartitions, config: { ...t.config } }));
}
