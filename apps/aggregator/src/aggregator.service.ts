import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { DriftwatchConfig } from '@driftwatch/config';
import { DRIFTWATCH_CONFIG, KAFKA, STORE } from '@driftwatch/runtime';
import { FeatureKindRepository, FlushPlanRepository, LabelRepository, type Store } from '@driftwatch/store';
import type { Kafka } from 'kafkajs';
import type { AggregatorOptions } from './aggregator.options';
import { AGGREGATOR_OPTIONS } from './aggregator.tokens';
import { IngestEngine, type IngestStatus } from './ingest/ingest-engine';
import { LabelsConsumer } from './labels/labels-consumer';

/**
 * Runs the ingest engine and the label consumer (inference-labels, group `<prefix>-labels`) for
 * the lifetime of the Nest application: starts consuming once every module is initialised, and
 * before the store is closed at shutdown stops consuming, writes and commits what is pending
 * and leaves the consumer groups.
 */
@Injectable()
export class AggregatorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Aggregator');
  readonly engine: IngestEngine;
  readonly labels: LabelsConsumer;
  private readonly groups: string[];

  constructor(
    @Inject(DRIFTWATCH_CONFIG) config: DriftwatchConfig,
    @Inject(STORE) store: Store,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(AGGREGATOR_OPTIONS) options: AggregatorOptions,
    flushes: FlushPlanRepository,
    featureKinds: FeatureKindRepository,
    labelRepository: LabelRepository,
  ) {
    this.groups = [config.kafka.groups.aggregator, config.labels.group];
    // Listed once for both consumers' zeroed counters, at the first start that asks.
    let listed: Promise<string[]> | undefined;
    const knownModels = () => (listed ??= store.baselines.list().then((all) => [...new Set(all.map((b) => b.modelId))]));
    this.engine = new IngestEngine({ config, store, kafka, options, flushes, featureKinds, knownModels, log: this.logger });
    const labelsLogger = new Logger('Labels');
    this.labels = new LabelsConsumer({
      config,
      kafka,
      labels: labelRepository,
      consumer: options.consumer,
      knownModels,
      log: { log: (m) => labelsLogger.log(m), warn: (m) => labelsLogger.warn(m), error: (m) => labelsLogger.error(m) },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.engine.start();
    await this.labels.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    try {
      await this.labels.stop();
    } finally {
      await this.engine.stop();
    }
  }

  /** What a stop flushes, for its log line. */
  stopWork(): string {
    const open = this.engine.status().openWindows;
    return `writing the histograms of ${open} open window${open === 1 ? '' : 's'} and committing their offsets (groups ${this.groups.join(', ')})`;
  }

  /** For `/health/ready`: true while both consumers (events and labels) run. */
  isReady(): boolean {
    return this.notReadyReason() === null;
  }

  /** Which consumer is down, for `/health/ready`; null when both run. */
  notReadyReason(): string | null {
    const down = [this.engine.isReady() ? null : 'the event consumer', this.labels.isReady() ? null : 'the label consumer'].filter((d) => d !== null);
    return down.length === 0 ? null : `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} not running`;
  }

  status(): IngestStatus {
    return this.engine.status();
  }
}
