import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DriftwatchConfig } from '@driftwatch/config';
import { DRIFTWATCH_CONFIG, RuntimeModule, SERVICE_READINESS, ServiceHttpController } from '@driftwatch/runtime';
import { EvaluatorModule } from './evaluator.module';
import type { EvaluatorHooks } from './evaluator.options';
import { EvaluatorService } from './evaluator.service';

export interface EvaluatorAppOptions {
  /** Default: `loadConfig()` from the environment. */
  config?: DriftwatchConfig;
  evaluator?: Partial<EvaluatorHooks>;
  /** Default: the configuration's HTTP_PORT; 0 picks a free port. */
  httpPort?: number;
}

/** The evaluator alone in a process, with /metrics and health on HTTP_PORT: the distributed mode's evaluator service. */
export async function startEvaluatorApp(options: EvaluatorAppOptions = {}): Promise<NestExpressApplication> {
  @Module({
    imports: [RuntimeModule.forRoot({ config: options.config }), EvaluatorModule.forRoot(options.evaluator)],
    controllers: [ServiceHttpController],
    providers: [{ provide: SERVICE_READINESS, useExisting: EvaluatorService }],
  })
  class EvaluatorAppModule {}

  const app = await NestFactory.create<NestExpressApplication>(EvaluatorAppModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  const config = app.get<DriftwatchConfig>(DRIFTWATCH_CONFIG);
  await app.listen(options.httpPort ?? config.httpPort);
  new Logger('Evaluator').log(`running; metrics on ${await app.getUrl()}/metrics; stop with SIGTERM or SIGINT`);
  return app;
}
