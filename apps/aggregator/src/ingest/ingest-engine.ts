import { createInferenceEventDecoder, type DecodeResult, type InferenceEvent } from '@driftwatch/contracts';
import { windowSecondsOf, type DriftwatchConfig } from '@driftwatch/config';
import { FeatureAccumulator, inOffsetOrder, PartitionIngest, routeMessage, type RoutingPolicy } from '@driftwatch/ingest';
import { asTransient, ConsumerShell, dlqEntry, TransientError, topicSpecs, type BatchContext, type DlqEntry, type PartitionRef, type ShellConsumerOptions } from '@driftwatch/kafka';
import { PolicyRepository, type FeatureKindRepository, type FlushPlanRepository, type IngestFlushPlan, type Store } from '@driftwatch/store';
import type { Kafka } from 'kafkajs';
import { AggregatorMetrics, OutcomeTally } from '../aggregator.metrics';
import type { AggregatorOptions } from '../aggregator.options';
import { AsyncLock } from './async-lock.util';
import { BaselineCache } from './baseline-cache';
import { FlushWriter, PartitionMovedError, type FlushTarget } from './flush-plan.writer';
import { LogResetProbe } from './log-reset.probe';
import { RebalanceWatch } from './rebalance-watch';

export interface IngestEngineDeps {
  config: DriftwatchConfig;
  store: Store;
  kafka: Kafka;
  options: AggregatorOptions;
  flushes: FlushPlanRepository;
  featureKinds: FeatureKindRepository;
  log?: { log(message: string): void; warn(message: string): void; error(message: string): void };
  /** Models with a baseline, for counters that start at 0 (default: listed from the store). */
  knownModels?: () => Promise<readonly string[]>;
}

export interface IngestStatus {
  running: boolean;
  partitions: number[];
  openWindows: number;
  lastFlushAt: number | null;
  lastError: string | null;
}

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The aggregator's consumer: decodes inference events, folds them into per-partition event-time
 * windows binned against the active baselines, and writes them with the exactly-once flush
 * protocol (apps/aggregator/README.md; flush-plan.writer.ts). What happens to each message is
 * decided by `routeMessage` (@driftwatch/ingest). Consumer batches, timed flushes and rebalances
 * run one at a time under one lock, so partition state is never touched concurrently.
 */
export class IngestEngine {
  private readonly lock = new AsyncLock();
  private readonly partitions = new Map<string, PartitionIngest>();
  private readonly metrics = new AggregatorMetrics();
  private readonly decode: (bytes: Buffer) => DecodeResult<InferenceEvent>;
  private readonly routing: RoutingPolicy;
  private readonly baselines: BaselineCache;
  private readonly plans: FlushPlanRepository;
  private readonly group: string;
  private readonly rebalances = new RebalanceWatch();
  /** The client the consumers are made from, watched for rejoins; the producer uses the plain one. */
  private readonly consumerKafka: Kafka;
  private readonly log: NonNullable<IngestEngineDeps['log']>;
  private readonly shell: ConsumerShell;
  private readonly resetProbe: LogResetProbe;
  /** Counts consumer starts: listeners of a consumer that was replaced are ignored. */
  private runs = 0;
  private started = false;
  private writer: FlushWriter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopping: Promise<void> | undefined;
  private restarting: Promise<void> | undefined;
  private lastFlushAt: number | null = null;
  private lastError: string | null = null;

  constructor(private readonly deps: IngestEngineDeps) {
    const { config, store, options } = deps;
    this.log = deps.log ?? silent;
    this.group = config.kafka.groups.aggregator;
    this.decode = createInferenceEventDecoder({ format: options.eventFormat, maxBytes: config.maxEventBytes });
    this.routing = {
      unknownModelPolicy: options.unknownModelPolicy,
      oversizedPolicy: options.oversizedPolicy,
      maxFutureSkewMs: options.maxFutureSkewSeconds * 1000,
      samplesPerWindow: options.samplesPerWindow,
    };
    this.baselines = new BaselineCache(store.baselines, options.baselineRefreshMs, Date.now, new PolicyRepository(store.client));
    this.plans = deps.flushes;
    this.consumerKafka = this.rebalances.wrap(deps.kafka);
    this.resetProbe = new LogResetProbe(deps.kafka, this.group);
    this.metrics.topicResets.inc({ topic: config.topics.events }, 0);
    this.shell = new ConsumerShell(deps.kafka, {
      name: 'aggregator',
      dlqTopic: config.topics.dlq,
      maxMessageBytes: config.kafka.maxMessageBytes,
      ensure: topicSpecs(config.topics),
      consumerKafka: this.consumerKafka,
      onPoison: () => this.metrics.deadLettered.inc({ code: 'poison' }),
      log: this.log,
    });
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('IngestEngine: already started');
    this.started = true;
    const { config, options, store } = this.deps;
    this.writer = new FlushWriter({
      store,
      plans: this.plans,
      kinds: this.deps.featureKinds,
      sender: this.shell.sender,
      windowsTopic: config.topics.windows,
      predictionRetentionDays: options.predictionRetentionDays,
      commit: (target, to) =>
        this.shell.consumer?.commit({ topic: target.topic, partition: target.partition }, to, target.generation) ?? Promise.resolve(false),
      metrics: this.metrics,
      onStage: options.onFlushStage,
    });
    await this.zeroKnownModels();
    await this.shell.start(this.consumerOptions());
    this.running = true;
    const tick = Math.max(20, Math.min(options.flushIntervalMs, 1_000) / 2);
    this.timer = setInterval(() => void this.lock.run(() => this.onTick()).catch(() => undefined), tick);
    this.timer.unref();
    this.log.log(`consuming ${config.topics.events} as group ${this.group}`);
  }

  /** Models with a baseline get their event series at 0 before any event: their first burst then shows. */
  private async zeroKnownModels(): Promise<void> {
    try {
      const known = this.deps.knownModels ? await this.deps.knownModels() : (await this.deps.store.baselines.list()).map((b) => b.modelId);
      for (const model of known) this.metrics.modelLabel(model);
    } catch (error) {
      this.log.warn(`could not list baselines to start their event counters at 0: ${(error as Error).message}`);
    }
  }

  private consumerOptions(): ShellConsumerOptions {
    const { config, options } = this.deps;
    const run = ++this.runs;
    const current = () => run === this.runs;
    return {
      groupId: this.group,
      topics: [config.topics.events],
      handler: (batch) => this.lock.run(() => this.onBatch(batch)),
      onPartitionsAssigned: (refs, generation): Promise<void> => this.lock.run(() => (current() ? this.onAssigned(refs, generation) : undefined)),
      onPartitionsRevoked: (refs, generation): Promise<void> => this.lock.run(() => (current() ? this.onRevoked(refs, generation) : undefined)),
      onError: (error) => {
        this.lastError = error.message;
      },
      // kafkajs fetches again only once every batch of the last fetch is handled, so a backlog
      // drains in round trips: twice the runner's default fetch drained a 600k-event topic
      // about 1.2x faster (raw consume, docs/architecture.md "Ingestion throughput").
      maxBytesPerPartition: 8 * 1024 * 1024,
      maxBytes: 32 * 1024 * 1024,
      ...options.consumer,
    };
  }

  /**
   * After a timed flush failed, its deltas are gone from memory and only Kafka has them: start
   * the consumer over from the committed offsets (the runner does the same after a handler error).
   */
  private restartConsumer(): void {
    if (this.restarting || this.stopping) return;
    this.restarting = (async () => {
      await this.shell.stopConsumer();
      if (this.stopping) return;
      await new Promise((r) => setTimeout(r, this.deps.options.consumer.restartDelayMs ?? 1_000));
      if (!this.stopping) await this.shell.startConsumer(this.consumerOptions());
    })()
      .catch((error: Error) => {
        this.lastError = error.message;
        this.log.error(`consumer restart failed: ${error.message}`);
      })
      .finally(() => (this.restarting = undefined));
  }

  /** Stops consuming, writes and commits what is pending, leaves the group. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  /** For readiness probes: the consumer runs (it may own no partition when instances outnumber them). */
  isReady(): boolean {
    return this.running && this.stopping === undefined;
  }

  status(): IngestStatus {
    return {
      running: this.isReady(),
      partitions: [...this.partitions.values()].map((p) => p.partition).sort((a, b) => a - b),
      openWindows: this.openWindows(),
      lastFlushAt: this.lastFlushAt,
      lastError: this.lastError,
    };
  }

  /** Resolves once this member owns at least one partition (tests, start-up logs). */
  whenAssigned(): Promise<void> {
    return this.shell.whenAssigned();
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.restarting;
    try {
      await this.shell.stop({ flush: () => this.lock.run(() => this.flushAll(Date.now(), true)) });
    } finally {
      this.running = false;
      this.metrics.exportWatermarks(Date.now(), [], [...this.partitions.values()]);
    }
  }

  private async onAssigned(refs: PartitionRef[], generation: number): Promise<void> {
    const now = Date.now();
    const epoch = this.rebalances.assignmentEpoch();
    const plans = new Map<string, IngestFlushPlan | null>();
    for (const ref of refs) plans.set(keyOf(ref), await this.plans.last(this.group, ref.topic, ref.partition));
    const resets = await this.findLogResets(refs, plans);
    for (const ref of refs) {
      let plan = plans.get(keyOf(ref)) ?? null;
      let logEpoch = plan?.logEpoch ?? 0;
      const reset = resets.get(keyOf(ref));
      if (plan && reset) {
        logEpoch += 1;
        this.reportLogReset(ref, reset.reason, `the stale flush plan (offsets ${plan.fromOffset}..${plan.toOffset}) is retired`, logEpoch);
        plan = null;
      }
      const state = this.newPartitionState(ref, generation, plan, now);
      state.epoch = epoch;
      state.logEpoch = logEpoch;
      this.partitions.set(keyOf(ref), state);
    }
  }

  private newPartitionState(ref: PartitionRef, generation: number, plan: IngestFlushPlan | null, now: number): PartitionIngest {
    const { config } = this.deps;
    return new PartitionIngest(
      ref.topic,
      ref.partition,
      generation,
      plan,
      {
        windowSizeMs: (modelId) => windowSecondsOf(config.window, modelId) * 1000,
        outOfOrdernessMs: config.window.outOfOrdernessSeconds * 1000,
        graceMs: config.window.graceSeconds * 1000,
        idleCloseMs: config.window.idleCloseSeconds * 1000,
        createAccumulator: (modelId, modelVersion) => new FeatureAccumulator(this.baselines.get(modelId, modelVersion), this.baselines.limits(modelId, modelVersion)),
      },
      now,
    );
  }

  /** Partitions whose log is not the one their last plan was written against (keyed like `partitions`). */
  private async findLogResets(refs: PartitionRef[], plans: Map<string, IngestFlushPlan | null>): Promise<Map<string, { reason: string }>> {
    const found = new Map<string, { reason: string }>();
    const byTopic = new Map<string, Map<number, IngestFlushPlan>>();
    for (const ref of refs) {
      const plan = plans.get(keyOf(ref));
      if (!plan) continue;
      if (!byTopic.has(ref.topic)) byTopic.set(ref.topic, new Map());
      byTopic.get(ref.topic)!.set(ref.partition, plan);
    }
    for (const [topic, topicPlans] of byTopic) {
      try {
        for (const [partition, reset] of await this.resetProbe.check(topic, topicPlans)) found.set(keyOf({ topic, partition }), reset);
      } catch (error) {
        // Without the broker's answer the plans are trusted as before; a regressing offset is still caught in onBatch.
        this.log.warn(`could not check ${topic} for a recreated topic: ${(error as Error).message}`);
      }
    }
    return found;
  }

  private reportLogReset(ref: PartitionRef, reason: string, retired: string, newLogEpoch: number): void {
    this.metrics.topicResets.inc({ topic: ref.topic });
    this.log.error(
      `partition ${ref.topic}/${ref.partition} was recreated or its broker data replaced: ${reason}; ` +
        `${retired} and every record of the new log is counted from where the consumer starts (log epoch ${newLogEpoch}). ` +
        'Events of the old log not flushed yet went with it.',
    );
  }

  private onRevoked(refs: PartitionRef[], generation: number): void {
    // Unwritten deltas are dropped: their messages are delivered again from the last commit.
    for (const ref of refs) {
      const state = this.partitions.get(keyOf(ref));
      if (state && state.generation === generation) this.partitions.delete(keyOf(ref));
    }
    // Kept partitions are re-exported at the next tick; moved ones must not be reported by two members.
    this.metrics.exportWatermarks(Date.now(), [], refs);
  }

  private async onBatch(batch: BatchContext): Promise<void> {
    const state = this.partitions.get(keyOf(batch));
    // Neither says anything about the messages of the batch: never grounds to call them poison.
    if (!state || state.generation !== batch.generation) {
      throw new TransientError(`partition ${batch.topic}/${batch.partition}: batch of generation ${batch.generation} without state`);
    }
    if (state.failed) throw new TransientError(`partition ${batch.topic}/${batch.partition}: a flush failed, starting over from the last commit`);
    return this.routeBatch(state, batch);
  }

  private async routeBatch(first: PartitionIngest, batch: BatchContext): Promise<void> {
    let state = first;
    const now = Date.now();
    const decoded = batch.messages.map((m) => this.decode(m.value ?? EMPTY));
    const models = new Map<string, readonly [string, string]>();
    for (const r of decoded) if (r.ok) models.set(`${r.event.modelId}\u0000${r.event.modelVersion}`, [r.event.modelId, r.event.modelVersion]);
    await this.baselines.ensure(models.values()).catch((error: unknown) => {
      throw asTransient(error);
    });

    const tally = new OutcomeTally();
    const dlq: DlqEntry[] = [];
    const flushReplayed = async () => {
      if (dlq.length > 0) await this.shell.deadLetter(dlq.splice(0));
      await this.flush(state, now);
      state.replayDone();
    };
    for (const item of inOffsetOrder(batch)) {
      const offset = BigInt(item.offset);
      let admission = state.admit(offset, now);
      if (admission === 'regressed') {
        state = this.restartLog(state, offset, now);
        admission = state.admit(offset, now);
      }
      if (admission === 'skip') continue;
      const windows = state.windows;
      if (admission === 'flush-first') await flushReplayed();
      if (item.index < 0) {
        // Dead-lettered as poison by the consumer runner: handled like our own dead letters.
        tally.add(this.metrics.modelLabel(undefined), 'invalid');
        windows.skip(item.offset, now);
      } else {
        const message = batch.messages[item.index];
        const result = decoded[item.index];
        const route = routeMessage(
          {
            decoded: result,
            hasBaseline: result.ok && this.baselines.get(result.event.modelId, result.event.modelVersion) !== null,
            wallClockMs: now,
            recordTimestamp: message.timestamp,
            payload: message.value,
          },
          this.routing,
        );
        const label = this.metrics.modelLabel(route.modelId);
        if (route.action === 'window') {
          const { event, samples } = route;
          const outcome = windows.add(event, message.offset, now, (acc, key) => {
            acc.add(event, (name) => {
              if (state.takeUnknownFeature(key, name, this.deps.options.maxUnknownFeatures)) return true;
              this.metrics.unknownFeaturesOverflow.inc();
              return false;
            });
            acc.addPrediction(event, key, message.offset);
            if (samples > 0 && !acc.baseline && state.takeSample(key, samples)) acc.addSample(event);
          });
          tally.add(label, outcome);
        } else {
          tally.add(label, 'invalid');
          this.metrics.deadLettered.inc({ code: route.code });
          if (route.action === 'dead-letter' && !state.isReplayed(offset)) dlq.push(dlqEntry(batch, message, route.reason));
          windows.skip(message.offset, now);
        }
      }
      if (state.endsReplay(offset)) await flushReplayed();
    }
    if (dlq.length > 0) await this.shell.deadLetter(dlq.splice(0));
    tally.flushTo(this.metrics);
    if (this.isDue(state, now)) await this.flush(state, now);
  }

  /**
   * The log went back under a running consumer (kafkajs moved to the new log's start after
   * OFFSET_OUT_OF_RANGE): the state of the old log is dropped, unwritten deltas included, since
   * their offsets now name other records, and a new state of the next log epoch takes over.
   */
  private restartLog(old: PartitionIngest, offset: bigint, now: number): PartitionIngest {
    const ref = { topic: old.topic, partition: old.partition };
    this.reportLogReset(
      ref,
      `offset ${offset} arrived after higher offsets of the same partition`,
      `the state of the old log (${old.windows.openWindowCount} open windows) is dropped`,
      old.logEpoch + 1,
    );
    const state = this.newPartitionState(ref, old.generation, null, now);
    state.epoch = old.epoch;
    state.logEpoch = old.logEpoch + 1;
    this.partitions.set(keyOf(ref), state);
    return state;
  }

  private isDue(state: PartitionIngest, now: number): boolean {
    if (state.replaying || state.failed) return false;
    const since = state.windows.pendingSince;
    return (since !== null && now - since >= this.deps.options.flushIntervalMs) || state.windows.hasClosable(now);
  }

  private async onTick(): Promise<void> {
    if (!this.running) return;
    const now = Date.now();
    this.metrics.exportWatermarks(
      now,
      [...this.partitions.values()].map((s) => ({ topic: s.topic, partition: s.partition, watermarkMs: s.windows.newestWatermark })),
    );
    for (const state of this.partitions.values()) {
      // A partition that may be moving is left alone: its state is dropped at revocation.
      if (!this.owns(state) || !this.isDue(state, now)) continue;
      try {
        await this.flush(state, now);
      } catch (error) {
        if (error instanceof PartitionMovedError) {
          this.log.warn(error.message);
          continue;
        }
        this.lastError = (error as Error).message;
        this.log.error(`flush of partition ${state.topic}/${state.partition} failed, replaying from the last commit: ${(error as Error).message}`);
        this.restartConsumer();
        return;
      }
    }
  }

  private async flushAll(now: number, stopping: boolean): Promise<void> {
    for (const state of this.partitions.values()) {
      // A replay cut short must not be written: its boundary is the plan's, the next run replays it.
      if (state.replaying || state.failed || !this.owns(state)) continue;
      if (state.windows.pendingOffsets || (!stopping && state.windows.hasClosable(now))) {
        try {
          await this.flush(state, now);
        } catch (error) {
          if (!(error instanceof PartitionMovedError)) throw error;
          this.log.warn(error.message);
        }
      }
    }
  }

  /** Whether this member still owns the partition of `state`: same generation and no rejoin started since. */
  private owns(state: PartitionIngest): boolean {
    return this.shell.consumer?.currentGeneration() === state.generation && this.rebalances.unchangedSince(state.epoch);
  }

  private async flush(state: PartitionIngest, now: number): Promise<void> {
    if (!this.owns(state)) {
      // Inside a batch this cannot happen (kafkajs rejoins between batches); fail the batch rather than write as a zombie.
      throw new TransientError(`partition ${state.topic}/${state.partition}: no longer owned by this member, not flushing`);
    }
    const flush = state.windows.takeFlush(now);
    if (!flush) return;
    const target: FlushTarget = {
      group: this.group,
      topic: state.topic,
      partition: state.partition,
      generation: state.generation,
      logEpoch: state.logEpoch,
      stillOwner: () => this.owns(state),
    };
    try {
      await this.writer!.write(target, flush);
    } catch (error) {
      // The deltas left memory without reaching the store: only a replay from Kafka restores them.
      state.failed = true;
      // A store or broker failure while writing is no fault of the events being handled.
      throw asTransient(error);
    }
    state.forgetClosed(flush.closed.map((c) => c.key));
    this.lastFlushAt = Date.now();
    this.metrics.openWindows.set(this.openWindows());
  }

  private openWindows(): number {
    let n = 0;
    for (const state of this.partitions.values()) n += state.windows.openWindowCount;
    return n;
  }
}

const EMPTY = Buffer.alloc(0);

function keyOf(ref: PartitionRef): string {
  return `${ref.topic}\u0000${ref.partition}`;
}
