import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { DriftwatchConfig } from '@driftwatch/config';
import { DRIFTWATCH_CONFIG, KAFKA, STORE } from '@driftwatch/runtime';
import { FeatureKindRepository, FlushPlanRepository, type Store } from '@driftwatch/store';
import type { Kafka } from 'kafkajs';
import type { AggregatorOptions } from './aggregator.options';
import { AGGREGATOR_OPTIONS } from './aggregator.tokens';
import { IngestEngine, type IngestStatus } from './ingest/ingest-engine';

/**
 * Runs the ingest engine for the lifetime of the Nest application: starts consuming once every
 * module is initialised, and before the store is closed at shutdown stops consuming, writes and
 * commits what is pending and leaves the consumer group.
 */
@Injectable()
export class AggregatorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Aggregator');
  readonly engine: IngestEngine;

  constructor(
    @Inject(DRIFTWATCH_CONFIG) config: DriftwatchConfig,
    @Inject(STORE) store: Store,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(AGGREGATOR_OPTIONS) options: AggregatorOptions,
    flushes: FlushPlanRepository,
    featureKinds: FeatureKindRepository,
  ) {
    this.engine = new IngestEngine({ config, store, kafka, options, flushes, featureKinds, log: this.logger });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.engine.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.engine.stop();
  }

  /** For `/health/ready`: true while the consumer runs. */
  isReady(): boolean {
    return this.engine.isReady();
  }

  status(): IngestStatus {
    return this.engine.status();
  }
}
