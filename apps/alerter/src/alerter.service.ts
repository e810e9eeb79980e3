import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { DriftwatchConfig } from '@driftwatch/config';
import { DRIFTWATCH_CONFIG, KAFKA } from '@driftwatch/runtime';
import { IncidentRepository, WebhookRepository } from '@driftwatch/store';
import type { Kafka } from 'kafkajs';
import { AlerterMetrics } from './alerter.metrics';
import type { AlerterOptions } from './alerter.options';
import { ALERTER_OPTIONS } from './alerter.tokens';
import { IncidentEngine } from './incidents/incident-engine';
import { WebhookDispatcher, webhookGroupId } from './webhooks/webhook-dispatcher';

/**
 * Runs the incident engine (evaluations → incidents, gauges) and the webhook dispatcher
 * (incidents → on-call) for the lifetime of the Nest application; both stop, committing what
 * is done, before the store closes.
 */
@Injectable()
export class AlerterService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Alerter');
  readonly metrics = new AlerterMetrics();
  readonly engine: IncidentEngine;
  readonly dispatcher: WebhookDispatcher | undefined;
  private readonly groups: string[];

  constructor(
    @Inject(DRIFTWATCH_CONFIG) config: DriftwatchConfig,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(ALERTER_OPTIONS) options: AlerterOptions,
    incidents: IncidentRepository,
    webhooks: WebhookRepository,
  ) {
    const deps = { config, kafka, options, metrics: this.metrics, log: this.logger };
    this.groups = [config.kafka.groups.alerter, ...(options.webhooksEnabled ? [webhookGroupId(config)] : [])];
    this.engine = new IncidentEngine({ ...deps, incidents });
    this.dispatcher = options.webhooksEnabled ? new WebhookDispatcher({ ...deps, webhooks }) : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.engine.start();
    await this.dispatcher?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.dispatcher?.stop(), this.engine.stop()]);
  }

  /** What a stop finishes, for its log line. */
  stopWork(): string {
    return `finishing the evaluation batch in hand${this.dispatcher ? ' and the webhook deliveries under way' : ''} (group${this.groups.length > 1 ? 's' : ''} ${this.groups.join(', ')})`;
  }

  /** For `/health/ready`: true while the evaluation consumer runs. */
  isReady(): boolean {
    return this.engine.isRunning();
  }
}
