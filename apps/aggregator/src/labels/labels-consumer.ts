import type { DriftwatchConfig } from '@driftwatch/config';
import { createLabelEventDecoder, type DecodeResult, type LabelEvent } from '@driftwatch/contracts';
import { ConsumerShell, dlqEntry, topicSpecs, type BatchContext, type BatchResult, type DlqEntry } from '@driftwatch/kafka';
import { dedupToken, type LabelRepository } from '@driftwatch/store';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { AggregatorHooks } from '../aggregator.options';
import { LabelMetrics } from './labels.metrics';

export interface LabelsConsumerLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface LabelsConsumerDeps {
  config: DriftwatchConfig;
  kafka: Kafka;
  labels: LabelRepository;
  /** Consumer pacing (the aggregator's hooks; tests shorten the waits). */
  consumer?: AggregatorHooks['consumer'];
  /** Models whose counters start at 0 before any label (the aggregator passes those with a baseline). */
  knownModels?: () => Promise<readonly string[]>;
  /** Called after a batch's labels are stored and before its offsets are committed (fault-injection tests). */
  onStored?: (batch: BatchContext) => void | Promise<void>;
  log?: LabelsConsumerLog;
}

const silent: LabelsConsumerLog = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Consumes inference-labels with its own group (`<prefix>-labels`) and stores every valid
 * label in ClickHouse (`labels`, LabelRepository). Labels are decoded with the contracts'
 * label decoder in `auto` format (JSON, plain Avro; Confluent-framed Avro has no writer schema
 * configured, so it is dead-lettered as `unknown-schema`) under DRIFTWATCH_MAX_EVENT_BYTES.
 * An undecodable or invalid message goes to the DLQ with `dw-reason: <code>: <reason>`.
 *
 * A label is stored whether or not its event was ever seen: the join to predictions happens
 * later. Per batch: dead letters, then one insert (token from group, topic, partition and the
 * batch's offsets, so a batch written again after a crash is dropped), then the commit; a
 * crash anywhere before the commit redelivers the batch, and a label stored twice collapses by
 * the table's rule (see LabelRepository), so nothing is lost or doubled.
 */
export class LabelsConsumer {
  private readonly shell: ConsumerShell;
  private readonly metrics = new LabelMetrics();
  private readonly decode: (bytes: Buffer) => DecodeResult<LabelEvent>;
  private readonly log: LabelsConsumerLog;
  private running = false;
  private stored = 0;

  constructor(private readonly deps: LabelsConsumerDeps) {
    const { config } = deps;
    this.log = deps.log ?? silent;
    this.decode = createLabelEventDecoder({ format: 'auto', maxBytes: config.maxEventBytes });
    const wanted = new Set([config.topics.labels, config.topics.dlq]);
    this.shell = new ConsumerShell(deps.kafka, {
      name: 'label consumer',
      dlqTopic: config.topics.dlq,
      maxMessageBytes: config.kafka.maxMessageBytes,
      ensure: topicSpecs(config.topics).filter((s) => wanted.has(s.topic)),
      onPoison: () => this.metrics.count(undefined, 'invalid'),
      log: this.log,
    });
  }

  async start(): Promise<void> {
    const { config } = this.deps;
    await this.zeroKnownModels();
    const c = this.deps.consumer ?? {};
    await this.shell.start({
      groupId: config.labels.group,
      topics: [config.topics.labels],
      handler: (batch) => this.handle(batch),
      maxWaitTimeMs: c.maxWaitTimeMs,
      sessionTimeoutMs: c.sessionTimeoutMs,
      heartbeatIntervalMs: c.heartbeatIntervalMs,
      restartDelayMs: c.restartDelayMs,
      maxBytesPerPartition: c.maxBytesPerPartition,
    });
    this.running = true;
    this.log.log(`consuming ${config.topics.labels} as group ${config.labels.group}`);
  }

  /** Finishes the batch in hand (stored and committed), leaves the group, disconnects. */
  async stop(): Promise<void> {
    await this.shell.stop();
    this.running = false;
  }

  whenAssigned(): Promise<void> {
    return this.shell.whenAssigned();
  }

  isReady(): boolean {
    return this.running;
  }

  status(): { running: boolean; storedLabels: number } {
    return { running: this.running, storedLabels: this.stored };
  }

  private async zeroKnownModels(): Promise<void> {
    try {
      for (const model of (await this.deps.knownModels?.()) ?? []) this.metrics.modelLabel(model);
    } catch (error) {
      this.log.warn(`could not list models to start their label counters at 0: ${(error as Error).message}`);
    }
  }

  private async handle(batch: BatchContext): Promise<BatchResult> {
    const { config, labels } = this.deps;
    const valid: LabelEvent[] = [];
    const dead: DlqEntry[] = [];
    const invalidByModel = new Map<string | undefined, number>();
    for (const message of batch.messages) {
      const decoded: DecodeResult<LabelEvent> =
        message.value && message.value.length > 0 ? this.decode(message.value) : { ok: false, code: 'empty-payload', reason: 'empty payload' };
      if (decoded.ok) {
        valid.push(decoded.event);
        continue;
      }
      dead.push(dlqEntry(batch, message, `${decoded.code}: ${decoded.reason}`));
      const model = modelIdOf(message);
      invalidByModel.set(model, (invalidByModel.get(model) ?? 0) + 1);
    }
    if (dead.length > 0) {
      this.log.warn(`${dead.length} label message(s) sent to ${config.topics.dlq}: ${dead[0].reason}`);
      await this.shell.deadLetter(dead);
    }
    if (valid.length > 0) {
      const first = [batch.messages[0]?.offset, batch.skipped[0]].filter((o): o is string => o !== undefined).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[0];
      await labels.save(valid, dedupToken(config.labels.group, batch.topic, batch.partition, first, batch.lastOffset));
      this.stored += valid.length;
    }
    await this.deps.onStored?.(batch);
    for (const [model, n] of invalidByModel) this.metrics.count(model, 'invalid', n);
    const storedByModel = new Map<string, number>();
    for (const l of valid) storedByModel.set(l.modelId, (storedByModel.get(l.modelId) ?? 0) + 1);
    for (const [model, n] of storedByModel) this.metrics.count(model, 'stored', n);
    return { durableThrough: batch.lastOffset };
  }
}

/** The model a bad JSON label names, for the metric; undefined when it names none. */
function modelIdOf(message: KafkaMessage): string | undefined {
  const value = message.value;
  if (!value || value[0] !== 0x7b || value.length > 1024 * 1024) return undefined;
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    const id = (parsed as { modelId?: unknown } | null)?.modelId;
    return typeof id === 'string' && id.length > 0 && id.length <= 128 ? id : undefined;
  } catch {
    return undefined;
  }
}
