import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DriftwatchConfig } from '@driftwatch/config';
import { DRIFTWATCH_CONFIG, RuntimeModule, SERVICE_READINESS, ServiceHttpController } from '@driftwatch/runtime';
import { AggregatorModule } from './aggregator.module';
import type { AggregatorHooks } from './aggregator.options';
import { AggregatorService } from './aggregator.service';

export interface AggregatorAppOptions {
  /** Default: `loadConfig()` from the environment. */
  config?: DriftwatchConfig;
  aggregator?: Partial<AggregatorHooks>;
  /** Default: the configuration's HTTP_PORT; 0 picks a free port. */
  httpPort?: number;
}

/** The aggregator alone in a process, with /metrics and health on HTTP_PORT: the distributed mode's aggregator service. */
export async function startAggregatorApp(options: AggregatorAppOptions = {}): Promise<NestExpressApplication> {
  @Module({
    imports: [RuntimeModule.forRoot({ config: options.config }), AggregatorModule.forRoot(options.aggregator)],
    controllers: [ServiceHttpController],
    providers: [{ provide: SERVICE_READINESS, useExisting: AggregatorService }],
  })
  class AggregatorAppModule {}

  const app = await NestFactory.create<NestExpressApplication>(AggregatorAppModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  const config = app.get<DriftwatchConfig>(DRIFTWATCH_CONFIG);
  await app.listen(options.httpPort ?? config.httpPort);
  new Logger('Aggregator').log(`running; metrics on ${await app.getUrl()}/metrics; stop with SIGTERM or SIGINT`);
  return app;
}
