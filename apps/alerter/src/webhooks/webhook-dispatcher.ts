import { deliverWebhook, describeDestination, destinationMatches, isRetryableStatus, type DeliveryResult, type HostResolver, type WebhookDestination } from '@driftwatch/alerting';
import { decodeIncidentEvent, type IncidentEvent } from '@driftwatch/contracts';
import type { DriftwatchConfig } from '@driftwatch/config';
import { ConsumerShell, dlqEntry, type BatchContext, type BatchResult, type DlqEntry, type PartitionRef } from '@driftwatch/kafka';
import type { WebhookRepository } from '@driftwatch/store';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { AlerterMetrics } from '../alerter.metrics';
import type { AlerterOptions } from '../alerter.options';
import type { EngineLog } from '../incidents/incident-engine';
import { DestinationCache } from './destination-cache';
import { DestinationLane } from './destination-lane';
import { OffsetTracker } from './offset-tracker';

/** Header added to a dead-lettered incident event: which destination gave up on it. */
export const WEBHOOK_DESTINATION_HEADER = 'dw-webhook-destination';

/** How long to wait before writing a dead letter again after the broker refused it. */
const DLQ_RETRY_MS = 1_000;

export interface WebhookDispatcherDeps {
  config: DriftwatchConfig;
  kafka: Kafka;
  options: AlerterOptions;
  metrics: AlerterMetrics;
  log: EngineLog;
  webhooks: WebhookRepository;
  /** Name resolution for deliveries (default: the system's); tests point a name at a local receiver. */
  resolve?: HostResolver;
}

/** The consumer group of the deliveries: apart from the evaluations', so a slow receiver never holds up incidents. */
export function webhookGroupId(config: DriftwatchConfig): string {
  return `${config.kafka.groups.alerter}-webhooks`;
}

const keyOf = (ref: PartitionRef) => `${ref.topic}:${ref.partition}`;

/**
 * Delivers every event of driftwatch.incidents to every matching destination. Each destination
 * has its own lane (queue, concurrency, circuit breaker: see DestinationLane), so a dead or slow
 * receiver delays only its own deliveries; with the default concurrency of 1 a destination gets
 * its events in partition order.
 *
 * At least once, across restarts: the offset of an event is committed only once each of its
 * deliveries succeeded or was given up and dead-lettered (the event's bytes to driftwatch.dlq,
 * with the reason and the destination id in headers); an OffsetTracker per partition holds the
 * commit at the oldest event with a delivery still in memory, while later events go on to the
 * healthy destinations. Nothing waits in memory unboundedly: a full lane dead-letters new
 * deliveries at once ("queue full"). An open circuit holds its lane's deliveries until a
 * half-open probe succeeds; a delivery still not through `retryForMs` after it was queued is
 * given up ("retry window … over"). A stop or a lost partition abandons the
 * deliveries not yet done, uncommitted; the next run delivers them again with the same
 * Idempotency-Key.
 */
export class WebhookDispatcher {
  private readonly destinations: DestinationCache;
  private readonly stopping = new AbortController();
  private readonly shell: ConsumerShell;
  private readonly lanes = new Map<string, DestinationLane>();
  private readonly trackers = new Map<string, OffsetTracker>();

  constructor(private readonly deps: WebhookDispatcherDeps) {
    this.destinations = new DestinationCache(
      deps.webhooks,
      deps.options.destinationRefreshMs,
      (error) => deps.log.warn(`webhook destinations could not be re-read, using the previous list: ${error.message}`),
      (destinations) => deps.metrics.zeroDestinations(destinations),
    );
    this.shell = new ConsumerShell(deps.kafka, { name: 'webhook consumer', dlqTopic: deps.config.topics.dlq, maxMessageBytes: deps.config.kafka.maxMessageBytes, log: deps.log });
  }

  async start(): Promise<void> {
    const { config, options, log } = this.deps;
    // Known destinations' series at 0 before the first incident; a failed read is retried at the first event.
    await this.destinations.get().catch((error: Error) => log.warn(`webhook destinations could not be read yet: ${error.message}`));
    await this.shell.start({
      groupId: webhookGroupId(config),
      topics: [config.topics.incidents],
      handler: (batch) => this.onBatch(batch),
      ...options.consumer,
      onPartitionsRevoked: (partitions, generation) => {
        for (const ref of partitions) {
          const tracker = this.trackers.get(keyOf(ref));
          if (tracker && tracker.generation <= generation) {
            tracker.revoke();
            this.trackers.delete(keyOf(ref));
          }
        }
      },
    });
    log.log(`delivering ${config.topics.incidents} to webhooks as group ${webhookGroupId(config)}`);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    for (const lane of this.lanes.values()) lane.close();
    await Promise.all([...this.lanes.values()].map((lane) => lane.whenIdle()));
    await this.shell.stop();
  }

  whenAssigned(): Promise<void> {
    return this.shell.whenAssigned();
  }

  /** Queues the batch's deliveries on their destinations' lanes and returns without waiting for them. */
  private async onBatch(batch: BatchContext): Promise<BatchResult> {
    const ref = { topic: batch.topic, partition: batch.partition };
    const tracker = this.trackerFor(ref, batch.generation);
    for (const message of batch.messages) {
      if (!batch.isRunning() || this.stopping.signal.aborted) return { durableThrough: tracker.doneThrough() };
      const decoded = decodeIncidentEvent(message.value ?? Buffer.alloc(0));
      if (!decoded.ok) {
        await this.shell.deadLetter([dlqEntry(batch, message, `undeliverable incident event: ${decoded.reason}`)]);
        tracker.add(message.offset, 0);
        continue;
      }
      const event = decoded.event;
      const all = await this.destinations.get();
      this.forgetIdleLanes(all);
      const targets = all.filter((d) => destinationMatches(d, event));
      tracker.add(message.offset, targets.length);
      for (const destination of targets) this.enqueue(ref, tracker, message, destination, event);
    }
    // Offsets the runner dead-lettered as poison after the last message are done with too.
    tracker.add(batch.lastOffset, 0);
    return { durableThrough: tracker.doneThrough() };
  }

  private trackerFor(ref: PartitionRef, generation: number): OffsetTracker {
    const key = keyOf(ref);
    const current = this.trackers.get(key);
    if (current?.generation === generation) return current;
    current?.revoke();
    const fresh = new OffsetTracker(generation);
    this.trackers.set(key, fresh);
    return fresh;
  }

  private laneFor(destination: WebhookDestination): DestinationLane {
    let lane = this.lanes.get(destination.id);
    if (!lane) this.lanes.set(destination.id, (lane = new DestinationLane(this.deps.options.webhookIsolation)));
    return lane;
  }

  /** Lanes of destinations deleted or disabled, once empty (their breaker state goes with them). */
  private forgetIdleLanes(destinations: readonly WebhookDestination[]): void {
    const live = new Set(destinations.filter((d) => d.enabled).map((d) => d.id));
    for (const [id, lane] of this.lanes) if (!live.has(id) && !lane.busy) this.lanes.delete(id);
  }

  private enqueue(ref: PartitionRef, tracker: OffsetTracker, message: KafkaMessage, destination: WebhookDestination, event: IncidentEvent): void {
    const lane = this.laneFor(destination);
    const queuedAt = Date.now();
    const accepted = lane.offer({
      stale: () => tracker.revoked || this.stopping.signal.aborted,
      run: async () => {
        const result = await this.deliver(lane, destination, event, queuedAt);
        if (result.outcome === 'aborted') return;
        await this.finish(ref, tracker, message, destination, event, result);
      },
    });
    if (!accepted) {
      const size = this.deps.options.webhookIsolation.queueSize;
      const reason = `${describeDestination(destination)}: queue full (${size} deliveries waiting), not attempted`;
      void this.finish(ref, tracker, message, destination, event, { outcome: 'failed', deliveryId: '', attempts: 0, reason });
    }
  }

  /** Counts and logs the outcome, dead-letters a failure (retrying the write until it is durable), then lets the offset go. */
  private async finish(ref: PartitionRef, tracker: OffsetTracker, message: KafkaMessage, destination: WebhookDestination, event: IncidentEvent, result: DeliveryResult): Promise<void> {
    const { metrics, log } = this.deps;
    metrics.webhookDeliveries.inc({ destination: destination.name, destination_id: destination.id, outcome: result.outcome });
    if (result.outcome !== 'delivered') {
      log.warn(`webhook to ${describeDestination(destination)} given up for incident ${event.incidentId} ${event.eventType}: ${result.reason}`);
      const original = { ...message, headers: { ...message.headers, [WEBHOOK_DESTINATION_HEADER]: destination.id } } as KafkaMessage;
      if (!(await this.deadLetterDurably([dlqEntry(ref, original, `webhook delivery failed: ${result.reason}`)]))) return;
    }
    if (tracker.revoked) return;
    tracker.complete(message.offset);
    const through = tracker.doneThrough();
    if (through === undefined) return;
    this.shell.consumer?.commit(ref, through, tracker.generation).catch((error: Error) => log.warn(`webhook consumer could not commit ${keyOf(ref)} through ${through}: ${error.message}`));
  }

  /** False only when stopped before the write succeeded (the event then stays uncommitted). */
  private async deadLetterDurably(entries: DlqEntry[]): Promise<boolean> {
    for (;;) {
      try {
        await this.shell.deadLetter(entries);
        return true;
      } catch (error) {
        this.deps.log.error(`webhook dead letter not written, retrying in ${DLQ_RETRY_MS} ms: ${(error as Error).message}`);
      }
      if (this.stopping.signal.aborted) return false;
      await new Promise((resolve) => setTimeout(resolve, DLQ_RETRY_MS));
      if (this.stopping.signal.aborted) return false;
    }
  }

  private async deliver(lane: DestinationLane, destination: WebhookDestination, event: IncidentEvent, queuedAt: number): Promise<DeliveryResult> {
    const { options, metrics } = this.deps;
    const { breaker } = options.webhookIsolation;
    try {
      return await deliverWebhook(destination, event, {
        retry: options.webhookRetry,
        timeoutMs: options.webhookTimeoutMs,
        signal: this.stopping.signal,
        allowPrivate: options.webhookAllowPrivate,
        resolve: this.deps.resolve,
        since: queuedAt,
        // An open circuit holds the delivery in its lane until the next probe rather than giving it
        // up: a receiver down for minutes gets every delivery afterwards. The retry window bounds
        // the wait; the lane's queue bounds the memory; other destinations' lanes go on.
        gate: () => {
          if (lane.breaker.tryAcquire()) return undefined;
          return { waitMs: lane.breaker.msUntilProbe(), reason: `circuit open (${breaker.failureThreshold} consecutive failed attempts; a probe every ${breaker.openMs} ms)` };
        },
        onAttempt: (a) => {
          metrics.webhookAttempts.inc({ destination: destination.name, destination_id: destination.id, result: a.refused ? 'refused' : a.outcome });
          if (a.refused) {
            lane.breaker.release();
          } else if (a.outcome !== 'delivered' && (a.status === undefined || isRetryableStatus(a.status))) {
            lane.breaker.onFailure();
          } else {
            // Delivered, or a 4xx that is the request's fault: the receiver is alive.
            lane.breaker.onSuccess();
          }
        },
      });
    } catch (error) {
      // A destination that cannot even build its body (bad configuration) is given up, not retried forever.
      return { outcome: 'failed', deliveryId: '', attempts: 0, reason: `${describeDestination(destination)}: ${(error as Error).message}` };
    }
  }
}
