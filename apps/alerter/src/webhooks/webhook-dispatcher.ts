import { deliverWebhook, describeDestination, destinationMatches, type DeliveryResult, type WebhookDestination } from '@driftwatch/alerting';
import { decodeIncidentEvent } from '@driftwatch/contracts';
import type { DriftwatchConfig } from '@driftwatch/config';
import { ConsumerShell, dlqEntry, type BatchContext, type BatchResult, type DlqEntry } from '@driftwatch/kafka';
import type { WebhookRepository } from '@driftwatch/store';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { AlerterMetrics } from '../alerter.metrics';
import type { AlerterOptions } from '../alerter.options';
import type { EngineLog } from '../incidents/incident-engine';
import { DestinationCache } from './destination-cache';

/** Header added to a dead-lettered incident event: which destination gave up on it. */
export const WEBHOOK_DESTINATION_HEADER = 'dw-webhook-destination';

export interface WebhookDispatcherDeps {
  config: DriftwatchConfig;
  kafka: Kafka;
  options: AlerterOptions;
  metrics: AlerterMetrics;
  log: EngineLog;
  webhooks: WebhookRepository;
}

/** The consumer group of the deliveries: apart from the evaluations', so a slow receiver never holds up incidents. */
export function webhookGroupId(config: DriftwatchConfig): string {
  return `${config.kafka.groups.alerter}-webhooks`;
}

/**
 * Delivers every event of driftwatch.incidents to every matching destination, in order per
 * partition. The offset of an event is committed only once each of its deliveries succeeded or
 * was given up and dead-lettered (the event's bytes to driftwatch.dlq, with the reason and the
 * destination id in headers): at least once, across restarts. A stop during retries abandons
 * the event uncommitted; the next run delivers it again with the same Idempotency-Key.
 */
export class WebhookDispatcher {
  private readonly destinations: DestinationCache;
  private readonly stopping = new AbortController();
  private readonly shell: ConsumerShell;

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
    });
    log.log(`delivering ${config.topics.incidents} to webhooks as group ${webhookGroupId(config)}`);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.shell.stop();
  }

  whenAssigned(): Promise<void> {
    return this.shell.whenAssigned();
  }

  private async onBatch(batch: BatchContext): Promise<BatchResult> {
    const { metrics, log } = this.deps;
    let durableThrough: string | undefined;
    let completed = true;
    for (const message of batch.messages) {
      if (!batch.isRunning() || this.stopping.signal.aborted) {
        completed = false;
        break;
      }
      const decoded = decodeIncidentEvent(message.value ?? Buffer.alloc(0));
      if (!decoded.ok) {
        await this.shell.deadLetter([dlqEntry(batch, message, `undeliverable incident event: ${decoded.reason}`)]);
        durableThrough = message.offset;
        continue;
      }
      const event = decoded.event;
      const targets = (await this.destinations.get()).filter((d) => destinationMatches(d, event));
      const results = await Promise.all(targets.map((d) => this.deliver(d, event)));
      if (results.some((r) => r.outcome === 'aborted')) {
        completed = false;
        break;
      }
      const dead: DlqEntry[] = [];
      results.forEach((result, i) => {
        const destination = targets[i];
        metrics.webhookDeliveries.inc({ destination: destination.name, destination_id: destination.id, outcome: result.outcome });
        if (result.outcome === 'delivered') return;
        log.warn(`webhook to ${describeDestination(destination)} given up for incident ${event.incidentId} ${event.eventType}: ${result.reason}`);
        const original = { ...message, headers: { ...message.headers, [WEBHOOK_DESTINATION_HEADER]: destination.id } } as KafkaMessage;
        dead.push(dlqEntry(batch, original, `webhook delivery failed: ${result.reason}`));
      });
      await this.shell.deadLetter(dead);
      durableThrough = message.offset;
      await batch.heartbeat().catch(() => undefined);
    }
    // Offsets the runner dead-lettered as poison after the last message are done with too.
    if (completed) durableThrough = batch.lastOffset;
    return { durableThrough };
  }

  private async deliver(destination: WebhookDestination, event: Parameters<typeof deliverWebhook>[1]): Promise<DeliveryResult> {
    const { options, metrics } = this.deps;
    try {
      return await deliverWebhook(destination, event, {
        retry: options.webhookRetry,
        timeoutMs: options.webhookTimeoutMs,
        signal: this.stopping.signal,
        onAttempt: (a) => metrics.webhookAttempts.inc({ destination: destination.name, destination_id: destination.id, result: a.outcome }),
      });
    } catch (error) {
      // A destination that cannot even build its body (bad configuration) is given up, not retried forever.
      return { outcome: 'failed', deliveryId: '', attempts: 0, reason: `${describeDestination(destination)}: ${(error as Error).message}` };
    }
  }
}
