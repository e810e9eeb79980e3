import { Logger, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DriftwatchConfig } from '@driftwatch/config';
import { RuntimeModule } from '@driftwatch/runtime';
import { EvaluatorModule } from './evaluator.module';
import type { EvaluatorHooks } from './evaluator.options';

export interface EvaluatorAppOptions {
  /** Default: `loadConfig()` from the environment. */
  config?: DriftwatchConfig;
  evaluator?: Partial<EvaluatorHooks>;
}

/** The evaluator alone in a process (no HTTP): the distributed mode's evaluator service. */
export async function startEvaluatorApp(options: EvaluatorAppOptions = {}): Promise<INestApplicationContext> {
  @Module({ imports: [RuntimeModule.forRoot({ config: options.config }), EvaluatorModule.forRoot(options.evaluator)] })
  class EvaluatorAppModule {}

  const app = await NestFactory.createApplicationContext(EvaluatorAppModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  new Logger('Evaluator').log('running; stop with SIGTERM or SIGINT');
  return app;
}
