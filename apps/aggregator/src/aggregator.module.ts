import { DynamicModule, Module } from '@nestjs/common';
import { AGGREGATOR_CONFIG } from '@driftwatch/runtime';
import type { AggregatorConfig } from '@driftwatch/config';
import { aggregatorOptions, type AggregatorHooks } from './aggregator.options';
import { AggregatorService } from './aggregator.service';
import { AGGREGATOR_OPTIONS } from './aggregator.tokens';

/**
 * The aggregator: consumes `inference-events`, keeps event-time windows per partition, writes
 * per-window feature histograms to ClickHouse exactly once and publishes `driftwatch.windows`
 * messages when windows close.
 *
 * Needs: the host imports `RuntimeModule.forRoot()` (@driftwatch/runtime), which provides the
 * configuration (this module uses its `aggregator` section and the shared consumer group,
 * topics and window sizes), the one store of the process with its repositories and the Kafka
 * client, and closes the app on a stop signal (runServiceMain, runHttpService) so that SIGTERM flushes and commits before the
 * store closes.
 *
 * Exports `AggregatorService`: `isReady()` for `/health/ready`, `status()` for diagnostics.
 * `forRoot(hooks)` sets what is not configuration: consumer pacing and a flush-stage hook.
 * Producers should key events by modelId: a window then lives in one partition and gets one
 * close message (keyed differently, the counts are still exact, but every partition holding a
 * part of the window publishes its own close).
 */
@Module({})
export class AggregatorModule {
  static forRoot(hooks: Partial<AggregatorHooks> = {}): DynamicModule {
    return {
      module: AggregatorModule,
      providers: [
        { provide: AGGREGATOR_OPTIONS, inject: [AGGREGATOR_CONFIG], useFactory: (section: AggregatorConfig) => aggregatorOptions(section, hooks) },
        AggregatorService,
      ],
      exports: [AggregatorService],
    };
  }
}
