import type { Consumer, ConsumerCrashEvent, ConsumerGroupJoinEvent, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { DlqEntry } from './dlq';
import { kafkaErrorType } from './kafka-error.util';
import { consumerLag } from './consumer-lag.util';
import { consumerLagGauge, poisonMessagesCounter } from './consumer-metrics';
import { clientSessionTimeout, watchGroupJoin } from './group-join-watch';
import { isTransientError } from './transient-error';

/** Longest wait before restarting after a transient failure (an outage). */
const TRANSIENT_RESTART_CEILING_MS = 4_000;

export interface PartitionRef {
  topic: string;
  partition: number;
}

export interface BatchContext {
  topic: string;
  partition: number;
  /**
   * In offset order. Empty only when every message of the batch was dead-lettered as poison
   * (see `skipped`): the handler still runs so that it can account for their offsets.
   */
  messages: KafkaMessage[];
  /**
   * Offsets of this batch the runner already sent to the DLQ as poison and left out of
   * `messages`; treat them as handled (they are covered by `lastOffset`). Usually empty.
   */
  skipped: readonly string[];
  highWatermark: string;
  /** Offset of the last message of this batch (skipped ones included). */
  lastOffset: string;
  /** The assignment generation the batch belongs to; give it back to `commit`. */
  generation: number;
  /** Tells the group coordinator this member is alive; cheap, throttled by kafkajs. */
  heartbeat(): Promise<void>;
  /** False once the runner is stopping: a long handler may return early. */
  isRunning(): boolean;
}

export interface BatchResult {
  /**
   * Every message of this partition up to and including this offset is durably written; the runner
   * then commits `durableThrough + 1`. Omit it while the data is only in memory.
   */
  durableThrough?: string;
}

export type BatchHandler = (batch: BatchContext) => Promise<BatchResult | void>;

export type PartitionsListener = (partitions: PartitionRef[], generation: number) => void | Promise<void>;

export interface PoisonMessage {
  topic: string;
  partition: number;
  offset: string;
  /** The handler's error when given this message alone. */
  error: Error;
  /** Failures of the batch before the message was singled out. */
  attempts: number;
}

/**
 * A batch whose handler fails the same way again and again would stop its partition for good.
 * After `maxAttempts` failures of a batch starting at the same offset (transient failures, such
 * as an unreachable store, do not count), its messages are handed over one at a time; one that
 * fails alone is sent to the DLQ with the error as reason and left out from then on.
 */
export interface PoisonOptions {
  /** Default 3. */
  maxAttempts?: number;
  /** Publishes the poison messages (e.g. RecordSender.deadLetter to the DLQ topic). */
  deadLetter(entries: DlqEntry[]): Promise<void>;
  /** After each poison message is dead-lettered (one log line per message). */
  onPoison?(message: PoisonMessage): void;
  /** Default `isTransientError`: which failures say nothing about the input. */
  isTransient?(error: Error): boolean;
}

export interface BatchConsumerRunnerOptions {
  groupId: string;
  topics: string[];
  handler: BatchHandler;
  /** Where a group without committed offsets starts (default true: earliest, so nothing is skipped). */
  fromBeginning?: boolean;
  /** Called before any batch of a new generation reaches the handler. */
  onPartitionsAssigned?: PartitionsListener;
  /**
   * Called when the partitions of a generation are given up: at every rebalance (all of them, even
   * those this member keeps), after a handler error, and at stop. Uncommitted in-memory state of
   * that generation must be dropped: its messages will be delivered again from the last commit.
   */
  onPartitionsRevoked?: PartitionsListener;
  /** A handler error or consumer crash; the runner restarts from the committed offsets. */
  onError?: (error: Error) => void;
  /** Says what a slow join waits for (see watchGroupJoin); without it a slow join is silent. */
  log?: (message: string) => void;
  /** Default: the client's (createKafka's `sessionTimeoutMs`), else kafkajs' 30 000. */
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Fetch sizing: larger fetches amortise the per-request cost (default 4 MiB per partition, 16 MiB in all). */
  maxBytesPerPartition?: number;
  maxBytes?: number;
  minBytes?: number;
  maxWaitTimeMs?: number;
  /** Partitions handled at the same time (default 1: the handler never runs concurrently with itself). */
  partitionsConsumedConcurrently?: number;
  /** First delay before restarting after a failure; doubles up to 30 s while failures repeat (default 1 000). */
  restartDelayMs?: number;
  /** Without it, a handler that always fails on some input stops its partition (retried forever). */
  poison?: PoisonOptions;
}

interface Strikes {
  /** First offset of the batch that failed. */
  offset: string;
  count: number;
}

const REBALANCE_ERRORS = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'FENCED_INSTANCE_ID']);

function keyOf(ref: PartitionRef): string {
  return `${ref.topic}\u0000${ref.partition}`;
}

/**
 * Consumes with kafkajs `eachBatch` and commits offsets only when the application says the data
 * covering them is durable: a crash anywhere loses nothing, at the price of redelivery after the
 * last commit (writes downstream must be idempotent).
 *
 * Guarantee to the application: between `onPartitionsAssigned(g)` and `onPartitionsRevoked(g)`, each
 * offset of an assigned partition reaches the handler at most once, in order. kafkajs re-reads from
 * the committed offsets after every rejoin, so every rebalance revokes the whole previous assignment
 * and redelivers from the last commit; `commit` refuses offsets of a generation that is over.
 */
export class BatchConsumerRunner {
  private consumer: Consumer | undefined;
  private generation = 0;
  private assigned: PartitionRef[] = [];
  /** Next offset to consume, as committed by this runner, per partition. */
  private readonly committed = new Map<string, bigint>();
  private listeners: Promise<void> = Promise.resolve();
  private commits: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private failures = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private assignedWaiters: (() => void)[] = [];
  /** Non-transient failures of the batch starting at one offset, per partition (kept across restarts). */
  private readonly strikes = new Map<string, Strikes>();
  /** Offsets already dead-lettered as poison, per partition: left out of every later delivery. */
  private readonly quarantined = new Map<string, Set<string>>();
  /** Partitions whose lag this runner exports (removed when they leave it, so members never report the same partition twice). */
  private readonly lagReported = new Map<string, PartitionRef>();

  constructor(
    private readonly kafka: Kafka,
    private readonly options: BatchConsumerRunnerOptions,
  ) {
    if (options.topics.length === 0) throw new Error('BatchConsumerRunner: no topics to consume');
    if (!options.groupId) throw new Error('BatchConsumerRunner: groupId is empty');
  }

  /** Joins the group and starts consuming; resolves once the consumer runs (assignment comes later). */
  async start(): Promise<void> {
    if (this.consumer) throw new Error('BatchConsumerRunner: already started');
    // Series start at zero, so the first poison message shows as an increase.
    if (this.options.poison) for (const topic of this.options.topics) poisonMessagesCounter().inc({ group: this.options.groupId, topic }, 0);
    // Registered now (HELP and TYPE on /metrics) though its series come with the first batches.
    consumerLagGauge();
    await this.launch();
  }

  /** The partitions of the current generation. */
  assignment(): PartitionRef[] {
    return this.assigned.map((p) => ({ ...p }));
  }

  currentGeneration(): number {
    return this.generation;
  }

  /** Resolves at the next assignment with at least one partition (or at once if there is one). */
  whenAssigned(): Promise<void> {
    if (this.assigned.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.assignedWaiters.push(resolve));
  }

  /**
   * Commits `durableThrough + 1` for a partition once the data up to `durableThrough` is durable.
   * Returns false, committing nothing, when `generation` is over or the partition is not assigned
   * (its messages will be redelivered) or the group is rebalancing. Commits never move backwards.
   */
  commit(ref: PartitionRef, durableThrough: string, generation: number): Promise<boolean> {
    const next = BigInt(durableThrough) + 1n;
    const result = this.commits.then(() => this.commitNow(ref, next, generation));
    this.commits = result.catch(() => undefined);
    return result;
  }

  /**
   * Stops consuming: waits for the batches being handled, lets `flush` write and `commit` while this
   * member still owns its partitions, then leaves the group and disconnects.
   */
  stop(options: { flush?: () => Promise<void> } = {}): Promise<void> {
    this.stopped ??= this.shutdown(options.flush);
    return this.stopped;
  }

  private async shutdown(flush: (() => Promise<void>) | undefined): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const consumer = this.consumer;
    if (consumer) consumer.pause(this.options.topics.map((topic) => ({ topic })));
    await Promise.allSettled([...this.inFlight]);
    await this.listeners;
    try {
      if (flush) await flush();
      await this.commits;
    } finally {
      this.revokeAll();
      await this.listeners.catch(() => undefined);
      if (consumer) {
        await consumer.stop().catch(() => undefined);
        await consumer.disconnect().catch(() => undefined);
      }
      this.consumer = undefined;
      for (const [key, ref] of this.lagReported) this.dropLag(key, ref);
    }
  }

  private reportLag(ref: PartitionRef, highWatermark: string, nextOffset: string | bigint): void {
    this.lagReported.set(keyOf(ref), ref);
    consumerLagGauge().set({ group: this.options.groupId, topic: ref.topic, partition: String(ref.partition) }, consumerLag(highWatermark, nextOffset));
  }

  private dropLag(key: string, ref: PartitionRef): void {
    this.lagReported.delete(key);
    consumerLagGauge().remove({ group: this.options.groupId, topic: ref.topic, partition: String(ref.partition) });
  }

  private async launch(): Promise<void> {
    const o = this.options;
    const consumer = this.kafka.consumer({
      groupId: o.groupId,
      sessionTimeout: o.sessionTimeoutMs,
      rebalanceTimeout: o.rebalanceTimeoutMs ?? 60_000,
      heartbeatInterval: o.heartbeatIntervalMs,
      maxBytesPerPartition: o.maxBytesPerPartition ?? 4 * 1024 * 1024,
      maxBytes: o.maxBytes ?? 16 * 1024 * 1024,
      minBytes: o.minBytes ?? 1,
      maxWaitTimeInMs: o.maxWaitTimeMs ?? 250,
      allowAutoTopicCreation: false,
      // The runner alone restarts consumers (a fresh one, from the committed offsets). kafkajs'
      // own restart after a crash could bring back a consumer the runner had already replaced:
      // after a broker outage it rejoined as a second member of the group, held partitions whose
      // batches the runner ignores, and they were never consumed again (the broker drill).
      retry: { restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event: ConsumerGroupJoinEvent) => {
      if (this.consumer === consumer) this.onGroupJoin(event.payload.memberAssignment);
    });
    consumer.on(consumer.events.CRASH, (event: ConsumerCrashEvent) => {
      if (this.consumer !== consumer || this.stopping) return;
      this.revokeAll();
      o.onError?.(event.payload.error);
      this.scheduleRestart(consumer);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: o.topics, fromBeginning: o.fromBeginning ?? true });
    const join = o.log ? await watchGroupJoin(this.kafka, { groupId: o.groupId, sessionTimeoutMs: o.sessionTimeoutMs ?? clientSessionTimeout(this.kafka), log: o.log }) : undefined;
    try {
      // Resolves once the first join and sync are over (or failed).
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: true,
        partitionsConsumedConcurrently: o.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => this.track(this.onBatch(consumer, payload)),
      });
    } finally {
      join?.done();
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private onGroupJoin(memberAssignment: Record<string, number[]>): void {
    // Runs synchronously inside kafkajs' join, before the first fetch of the new generation.
    this.revokeAll();
    this.generation += 1;
    const generation = this.generation;
    this.assigned = Object.entries(memberAssignment).flatMap(([topic, partitions]) =>
      partitions.map((partition) => ({ topic, partition })),
    );
    // Kept partitions keep their last lag (an idle partition gets no batch to refresh it); lost ones go.
    const kept = new Set(this.assigned.map(keyOf));
    for (const [key, ref] of this.lagReported) if (!kept.has(key)) this.dropLag(key, ref);
    const assigned = this.assignment();
    const onAssigned = this.options.onPartitionsAssigned;
    this.listeners = this.listeners.then(() => onAssigned?.(assigned, generation));
    if (assigned.length > 0) {
      const waiters = this.assignedWaiters;
      this.assignedWaiters = [];
      void this.listeners.then(() => waiters.forEach((w) => w()), () => waiters.forEach((w) => w()));
    }
  }

  private revokeAll(): void {
    const revoked = this.assignment();
    const generation = this.generation;
    this.assigned = [];
    this.committed.clear();
    // A new generation number now, so that commits of the revoked one are refused from here on.
    this.generation += 1;
    if (revoked.length === 0) return;
    const onRevoked = this.options.onPartitionsRevoked;
    this.listeners = this.listeners.then(() => onRevoked?.(revoked, generation));
  }

  private async onBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    try {
      await this.listeners;
    } catch (error) {
      // A failing assignment/revocation listener is handled like a failing handler.
      this.listeners = Promise.resolve();
      this.failed(consumer, error as Error);
      return;
    }
    const { batch } = payload;
    if (this.consumer !== consumer && !this.stopping && this.consumer !== undefined) {
      // A consumer this runner replaced is still fetching: it holds partitions it will never
      // handle. It leaves the group, so they go to the current one.
      void consumer.disconnect().catch(() => undefined);
      return;
    }
    if (this.stopping || this.consumer !== consumer || payload.isStale() || batch.messages.length === 0) return;
    const ref = { topic: batch.topic, partition: batch.partition };
    if (!this.isAssigned(ref)) return;
    const generation = this.generation;

    // kafkajs only heartbeats between batches; a long handler must not look like a dead member.
    let heartbeatError: unknown;
    const timer = setInterval(() => {
      payload.heartbeat().catch((e: unknown) => (heartbeatError ??= e));
    }, this.options.heartbeatIntervalMs ?? 3_000);
    const key = keyOf(ref);
    const quarantined = this.quarantined.get(key);
    const messages = quarantined ? batch.messages.filter((m) => !quarantined.has(m.offset)) : batch.messages;
    const skipped = quarantined ? batch.messages.filter((m) => quarantined.has(m.offset)).map((m) => m.offset) : [];
    const firstOffset = batch.messages[0].offset;
    // The batch's records still to do: a slow handler shows as lag while it runs.
    this.reportLag(ref, batch.highWatermark, firstOffset);
    const strikes = this.strikes.get(key);
    const isolate = this.options.poison !== undefined && strikes?.offset === firstOffset && strikes.count >= this.maxAttempts();
    const context = (part: KafkaMessage[], partSkipped: readonly string[], lastOffset: string): BatchContext => ({
      topic: batch.topic,
      partition: batch.partition,
      messages: part,
      skipped: partSkipped,
      highWatermark: batch.highWatermark,
      lastOffset,
      generation,
      heartbeat: () => payload.heartbeat(),
      isRunning: () => !this.stopping && payload.isRunning(),
    });
    let result: BatchResult | void = undefined;
    try {
      if (!isolate) {
        result = await this.runHandler(context(messages, skipped, batch.lastOffset()), ref, firstOffset);
      } else {
        // One message at a time, so that the one that fails is known; every call but the last
        // ends at its own message, the last at the batch's end (skipped offsets after it).
        const singles: KafkaMessage[][] = messages.length > 0 ? messages.map((m) => [m]) : [[]];
        let from = -1n;
        for (const [i, part] of singles.entries()) {
          const last = i === singles.length - 1 ? batch.lastOffset() : part[0].offset;
          const partSkipped = skipped.filter((o) => BigInt(o) > from && BigInt(o) <= BigInt(last));
          from = BigInt(last);
          const partResult = await this.runHandler(context(part, partSkipped, last), ref, firstOffset, part[0]);
          if (partResult?.durableThrough !== undefined) result = partResult;
          if (this.stopping || !payload.isRunning()) break;
        }
      }
    } catch (error) {
      this.failed(consumer, error as Error);
      return;
    } finally {
      clearInterval(timer);
    }
    this.failures = 0;
    this.strikes.delete(key);
    this.reportLag(ref, batch.highWatermark, BigInt(batch.lastOffset()) + 1n);
    if (result?.durableThrough !== undefined) await this.commit(ref, result.durableThrough, generation);
    // Let kafkajs rejoin now rather than after another fetch.
    if (heartbeatError !== undefined && REBALANCE_ERRORS.has(kafkaErrorType(heartbeatError) ?? '')) throw heartbeatError;
  }

  private maxAttempts(): number {
    return Math.max(1, this.options.poison?.maxAttempts ?? 3);
  }

  /**
   * Runs the handler, keeping count of failures that may be the input's fault. `alone` is the
   * message given on its own while isolating: if it fails, it is dead-lettered as poison before
   * the failure goes on to restart the consumer (without it, so the batch can move on).
   */
  private async runHandler(context: BatchContext, ref: PartitionRef, firstOffset: string, alone?: KafkaMessage): Promise<BatchResult | void> {
    try {
      return await this.options.handler(context);
    } catch (error) {
      const poison = this.options.poison;
      const transient = (poison?.isTransient ?? isTransientError)(error as Error);
      if (!poison || transient) throw error;
      const key = keyOf(ref);
      const strikes = this.strikes.get(key);
      if (!alone) {
        this.strikes.set(key, { offset: firstOffset, count: strikes?.offset === firstOffset ? strikes.count + 1 : 1 });
        throw error;
      }
      const attempts = strikes?.count ?? 0;
      const reason = `poison: ${this.options.groupId} failed ${attempts} times on a batch from offset ${firstOffset}; alone, this message fails with: ${(error as Error).message}`;
      await poison.deadLetter([{ original: alone, sourceTopic: ref.topic, partition: ref.partition, reason }]);
      let set = this.quarantined.get(key);
      if (!set) this.quarantined.set(key, (set = new Set()));
      set.add(alone.offset);
      poisonMessagesCounter().inc({ group: this.options.groupId, topic: ref.topic });
      poison.onPoison?.({ topic: ref.topic, partition: ref.partition, offset: alone.offset, error: error as Error, attempts });
      // The handler may hold part of the message's effect: start over, quickly, without it.
      this.failures = 0;
      throw error;
    }
  }

  private failed(consumer: Consumer, error: Error): void {
    if (this.stopping || this.consumer !== consumer) return;
    // kafkajs would retry the same batch in place, onto state that may hold part of it: start over
    // from the committed offsets with a fresh consumer instead.
    this.revokeAll();
    this.options.onError?.(error);
    this.scheduleRestart(consumer, (this.options.poison?.isTransient ?? isTransientError)(error));
  }

  private scheduleRestart(consumer: Consumer, transient = false): void {
    if (this.consumer !== consumer || this.stopping) return;
    this.consumer = undefined;
    // An outage (store or broker) is retried every few seconds at most, so consumption resumes
    // soon after it ends; other failures back off further.
    const ceiling = transient ? TRANSIENT_RESTART_CEILING_MS : 30_000;
    const delay = Math.min(ceiling, (this.options.restartDelayMs ?? 1_000) * 2 ** this.failures);
    this.failures += 1;
    this.restartTimer = setTimeout(() => {
      void (async () => {
        await consumer.stop().catch(() => undefined);
        await consumer.disconnect().catch(() => undefined);
        if (this.stopping) return;
        await this.launch();
      })().catch((e: Error) => {
        this.options.onError?.(e);
        const current = this.consumer;
        if (current) this.scheduleRestart(current);
      });
    }, delay);
  }

  private isAssigned(ref: PartitionRef): boolean {
    return this.assigned.some((p) => p.topic === ref.topic && p.partition === ref.partition);
  }

  private async commitNow(ref: PartitionRef, next: bigint, generation: number): Promise<boolean> {
    const consumer = this.consumer;
    if (!consumer || generation !== this.generation || !this.isAssigned(ref)) return false;
    const key = keyOf(ref);
    const previous = this.committed.get(key);
    if (previous !== undefined && next <= previous) return true;
    try {
      await consumer.commitOffsets([{ topic: ref.topic, partition: ref.partition, offset: next.toString() }]);
    } catch (error) {
      if (REBALANCE_ERRORS.has(kafkaErrorType(error) ?? '')) return false;
      throw error;
    }
    this.committed.set(key, next);
    const quarantined = this.quarantined.get(key);
    if (quarantined) for (const offset of quarantined) if (BigInt(offset) < next) quarantined.delete(offset);
    return true;
  }
}
