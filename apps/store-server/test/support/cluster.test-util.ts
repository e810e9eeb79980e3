// A Driftwatch deployment of separate processes on this machine: one store server (the
// embedded engine behind ClickHouse's HTTP interface) and any number of aggregators,
// evaluators and alerters, each in its service's consumer group, on topics and groups of
// their own on the shared test broker.
import { decodeEvaluation, decodeIncidentEvent, type EvaluationMessage, type IncidentEvent } from '@driftwatch/contracts';
import { loadConfig, type DriftwatchConfig } from '@driftwatch/config';
import { createKafka, createProducer, ensureTopics, sendRecords, topicSpecs } from '@driftwatch/kafka';
import { openStore, PolicyRepository, type Store } from '@driftwatch/store';
import { collectTopic, connectAdminOrExplain, freePort, isolatedEnv, tempDir, TEST_BROKERS, uniqueName, type TempDir, type TopicCollector } from '@driftwatch/testing';
import type { Admin, KafkaMessage, Producer } from 'kafkajs';
import { baselineFor, T0, WINDOW_MS, type TrafficEvent } from './drift-traffic.test-util';
import { ensureBuilt, ServiceProcess, type ServiceName } from './service-process.test-util';

const PASSWORD = 'distributed-test';

export interface Cluster {
  readonly config: DriftwatchConfig;
  readonly storeServer: ServiceProcess;
  readonly services: Map<string, ServiceProcess>;
  /** The test's own connection to the store, through the store server (as the services connect). */
  store: Store;
  readonly admin: Admin;
  readonly producer: Producer;
  readonly incidents: TopicCollector<KafkaMessage>;
  readonly evaluations: TopicCollector<KafkaMessage>;
  /** Starts `name` (e.g. `aggregator-1`), a new process of `service` in its group. */
  start(name: string, service: Exclude<ServiceName, 'store-server'>): Promise<ServiceProcess>;
  produce(events: readonly TrafficEvent[]): Promise<void>;
  /** Stored events per model (sum of `event_count` over its windows). */
  totals(models: readonly string[]): Promise<Map<string, number>>;
  incidentEvents(): IncidentEvent[];
  windowEvaluations(): EvaluationMessage[];
  /** True when `group` has committed every message of `topic`. */
  drained(group: string, topic: string): Promise<boolean>;
  /** Every process's last lines, for failure messages. */
  logs(): string;
  close(): Promise<void>;
}

/** The services' environment: topics and groups of this run, windows closed by watermark, the store server as ClickHouse. */
function clusterEnv(base: string, dataDir: string, storePort: number): Record<string, string> {
  return {
    ...isolatedEnv(base, { dataDir }),
    CLICKHOUSE_URL: `http://127.0.0.1:${storePort}`,
    CLICKHOUSE_USER: 'driftwatch',
    CLICKHOUSE_PASSWORD: PASSWORD,
    STORE_SERVER_PORT: String(storePort),
    DRIFTWATCH_WINDOW_SECONDS: String(WINDOW_MS / 1000),
    DRIFTWATCH_WINDOW_OUT_OF_ORDERNESS_SECONDS: '1',
    DRIFTWATCH_WINDOW_GRACE_SECONDS: '1',
    // Windows close by watermark; the idle fallback must not cut one short on a busy machine.
    DRIFTWATCH_WINDOW_IDLE_CLOSE_SECONDS: '600',
    DRIFTWATCH_AGGREGATOR_FLUSH_MS: '500',
  };
}

export async function startCluster(tag: string, models: readonly string[], extraEnv: Record<string, string> = {}): Promise<Cluster> {
  ensureBuilt(['store-server', 'aggregator', 'evaluator', 'alerter']);
  const base = uniqueName(tag);
  const data: TempDir = tempDir(`driftwatch-${tag}-`);
  const env = { ...clusterEnv(base, data.dir, await freePort()), ...extraEnv };
  const config = loadConfig(env);
  const kafka = createKafka({ brokers: TEST_BROKERS, clientId: `${tag}-test`, logLevel: 'error', connectionTimeoutMs: 2_000 });
  const admin = await connectAdminOrExplain(kafka);
  await ensureTopics(admin, topicSpecs(config.topics));

  const storeServer = await ServiceProcess.create('store-server', 'store-server', env);
  await storeServer.start();
  // Migrated here, before any service starts, so the services find the schema current.
  const store = await openStore(config);
  for (const model of models) await store.baselines.save(baselineFor(model));
  const policies = new PolicyRepository(store.client);
  for (const model of models) await policies.put(model, { minWindowEvents: 100, alerting: { openAfter: 1, resolveAfter: 3 }, rollup: { enabled: false } });

  const producer = createProducer(kafka);
  await producer.connect();
  const [incidents, evaluations] = await Promise.all([
    collectTopic(kafka, config.topics.incidents, { maxWaitTimeInMs: 50 }),
    collectTopic(kafka, config.topics.evaluations, { maxWaitTimeInMs: 50 }),
  ]);
  const services = new Map<string, ServiceProcess>();
  const endOffsets = async (topic: string) => new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));

  const cluster: Cluster = {
    config,
    storeServer,
    services,
    store,
    admin,
    producer,
    incidents,
    evaluations,
    async start(name, service) {
      let p = services.get(name);
      if (!p) {
        p = await ServiceProcess.create(name, service, env);
        services.set(name, p);
      }
      await p.start();
      return p;
    },
    async produce(events) {
      await sendRecords(
        producer,
        config.topics.events,
        events.map((e) => ({ key: e.modelId, value: Buffer.from(JSON.stringify(e)) })),
      );
    },
    async totals(modelIds) {
      const out = new Map<string, number>();
      for (const modelId of modelIds) {
        const rows = await cluster.store.windows.windows({ modelId, from: T0 - 86_400_000, to: T0 + 86_400_000 });
        out.set(modelId, rows.reduce((n, w) => n + w.eventCount, 0));
      }
      return out;
    },
    incidentEvents() {
      return incidents.messages.map((m) => {
        const decoded = decodeIncidentEvent(m.value ?? Buffer.alloc(0));
        if (!decoded.ok) throw new Error(`undecodable message on ${config.topics.incidents} at offset ${m.offset}: ${decoded.reason}`);
        return decoded.event;
      });
    },
    windowEvaluations() {
      return evaluations.messages
        .map((m) => decodeEvaluation(m.value ?? Buffer.alloc(0), { maxBytes: 16 * 1024 * 1024 }))
        .flatMap((d) => (d.ok && d.event.granularity === 'window' ? [d.event] : []));
    },
    async drained(group, topic) {
      const high = await endOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      const at = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
      for (const [partition, end] of high) if (end > 0n && (at.get(partition) ?? -1n) < end) return false;
      return true;
    },
    logs() {
      return [storeServer, ...services.values()].map((p) => p.tail(15)).join('\n');
    },
    async close() {
      await Promise.all([...services.values()].map((p) => p.stop('SIGTERM').catch(() => undefined)));
      await incidents.stop().catch(() => undefined);
      await evaluations.stop().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      await cluster.store.close().catch(() => undefined);
      await storeServer.stop('SIGTERM').catch(() => undefined);
      await admin.deleteTopics({ topics: Object.values(config.topics) }).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
      data.remove();
    },
  };
  return cluster;
}
