import { DynamicModule, Module } from '@nestjs/common';
import { aggregatorOptionsFromEnv, type AggregatorOptions } from './aggregator.options';
import { AggregatorService } from './aggregator.service';
import { AGGREGATOR_OPTIONS } from './aggregator.tokens';

/**
 * The aggregator: consumes `inference-events`, keeps event-time windows per partition, writes
 * per-window feature histograms to ClickHouse exactly once and publishes `driftwatch.windows`
 * messages when windows close.
 *
 * Needs: the host imports `RuntimeModule.forRoot()` (@driftwatch/runtime), which provides the
 * configuration, the one store of the process and the Kafka client, and calls
 * `app.enableShutdownHooks()` so that SIGTERM flushes and commits before the store closes.
 *
 * Exports `AggregatorService`: `isReady()` for `/health/ready`, `status()` for diagnostics.
 * Options come from the environment (see `aggregatorOptionsFromEnv`); `forRoot(overrides)`
 * replaces any of them. Consumer group, topics and window defaults come from the shared config.
 * Producers should key events by modelId: a window then lives in one partition and gets one
 * close message (keyed differently, the counts are still exact, but every partition holding a
 * part of the window publishes its own close).
 */
@Module({})
export class AggregatorModule {
  static forRoot(overrides: Partial<AggregatorOptions> = {}): DynamicModule {
    return {
      module: AggregatorModule,
      providers: [{ provide: AGGREGATOR_OPTIONS, useFactory: () => aggregatorOptionsFromEnv(process.env, overrides) }, AggregatorService],
      exports: [AggregatorService],
    };
  }
}
