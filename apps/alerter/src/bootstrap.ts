import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DriftwatchConfig } from '@driftwatch/config';
import { DRIFTWATCH_CONFIG, RuntimeModule, SERVICE_READINESS, ServiceHttpController } from '@driftwatch/runtime';
import { AlerterModule } from './alerter.module';
import type { AlerterHooks } from './alerter.options';
import { AlerterService } from './alerter.service';

export interface AlerterAppOptions {
  /** Default: `loadConfig()` from the environment. */
  config?: DriftwatchConfig;
  alerter?: Partial<AlerterHooks>;
  /** Default: the configuration's HTTP_PORT; 0 picks a free port. */
  httpPort?: number;
}

/** The alerter alone in a process, with /metrics and health on HTTP_PORT: the distributed mode's alerter service. */
export async function startAlerterApp(options: AlerterAppOptions = {}): Promise<NestExpressApplication> {
  @Module({
    imports: [RuntimeModule.forRoot({ config: options.config }), AlerterModule.forRoot(options.alerter)],
    controllers: [ServiceHttpController],
    providers: [{ provide: SERVICE_READINESS, useExisting: AlerterService }],
  })
  class AlerterAppModule {}

  const app = await NestFactory.create<NestExpressApplication>(AlerterAppModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  const config = app.get<DriftwatchConfig>(DRIFTWATCH_CONFIG);
  await app.listen(options.httpPort ?? config.httpPort);
  new Logger('Alerter').log(`running; metrics on ${await app.getUrl()}/metrics; stop with SIGTERM or SIGINT`);
  return app;
}
