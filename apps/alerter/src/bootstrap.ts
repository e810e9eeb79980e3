import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { checkHttpBinding, holdsPlaceholderToken, loadConfig, type DriftwatchConfig } from '@driftwatch/config';
import { APP_GUARD } from '@nestjs/core';
import { ApiAuthGuard, RuntimeModule } from '@driftwatch/runtime';
import { AlerterHttpController } from './alerter-http.controller';
import { AlerterModule } from './alerter.module';
import type { AlerterHooks } from './alerter.options';

export interface AlerterAppOptions {
  /** Default: `loadConfig()` from the environment. */
  config?: DriftwatchConfig;
  alerter?: Partial<AlerterHooks>;
  /** Default: the configuration's HTTP_PORT; 0 picks a free port. */
  httpPort?: number;
}

/** The alerter alone in a process, with /metrics and health on HTTP_HOST:HTTP_PORT: the distributed mode's alerter service. */
export async function startAlerterApp(options: AlerterAppOptions = {}): Promise<NestExpressApplication> {
  const config = options.config ?? loadConfig();
  // Before anything opens: a refused binding must not leave consumers or a store behind.
  checkHttpBinding(config);
  @Module({
    imports: [RuntimeModule.forRoot({ config }), AlerterModule.forRoot(options.alerter)],
    controllers: [AlerterHttpController],
    // /metrics behind a read token when DRIFTWATCH_METRICS_AUTH is on, like the api's.
    providers: [{ provide: APP_GUARD, useClass: ApiAuthGuard }],
  })
  class AlerterAppModule {}

  const app = await NestFactory.create<NestExpressApplication>(AlerterAppModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  await app.listen(options.httpPort ?? config.httpPort, config.httpHost);
  new Logger('Alerter').log(`running; metrics on ${await app.getUrl()}/metrics; stop with SIGTERM or SIGINT`);
  if (holdsPlaceholderToken(config.apiAuth)) new Logger('Alerter').warn('DRIFTWATCH_API_TOKENS still holds a CHANGE-ME placeholder: replace it with a random token');
  return app;
}
