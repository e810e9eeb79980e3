import { Logger, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DriftwatchConfig } from '@driftwatch/config';
import { RuntimeModule } from '@driftwatch/runtime';
import { AggregatorModule } from './aggregator.module';
import type { AggregatorHooks } from './aggregator.options';

export interface AggregatorAppOptions {
  /** Default: `loadConfig()` from the environment. */
  config?: DriftwatchConfig;
  aggregator?: Partial<AggregatorHooks>;
}

/** The aggregator alone in a process (no HTTP): the distributed mode's aggregator service. */
export async function startAggregatorApp(options: AggregatorAppOptions = {}): Promise<INestApplicationContext> {
  @Module({ imports: [RuntimeModule.forRoot({ config: options.config }), AggregatorModule.forRoot(options.aggregator)] })
  class AggregatorAppModule {}

  const app = await NestFactory.createApplicationContext(AggregatorAppModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  new Logger('Aggregator').log('running; stop with SIGTERM or SIGINT');
  return app;
}
