import { Logger, Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { checkHttpBinding, holdsPlaceholderToken, loadConfig, type DriftwatchConfig } from '@driftwatch/config';
import { RuntimeModule } from '../runtime.module';
import { ApiAuthGuard } from './api-auth.guard';
import { SERVICE_READINESS, ServiceHttpController, type ServiceReadiness } from './service-http.controller';

export interface ServiceAppOptions {
  /** Shown in logs: 'Aggregator', 'Evaluator', 'Alerter'. */
  name: string;
  /** Default: `loadConfig()` from the environment. */
  config?: DriftwatchConfig;
  /** Default: the configuration's HTTP_PORT; 0 picks a free port. */
  httpPort?: number;
  /** The service's own module (it gets RuntimeModule from here). */
  module: DynamicModule;
  /** The provider of that module whose isReady() answers /health/ready. */
  readiness: Type<ServiceReadiness>;
}

/**
 * One service alone in a process (distributed mode): its module, /metrics and /health on
 * HTTP_HOST:HTTP_PORT, /metrics behind a read token when DRIFTWATCH_METRICS_AUTH is on. The
 * binding is checked before anything opens, so a refused host leaves no consumer or store behind.
 * Installs no signal handlers (tests start several in one process): a service's `main` runs it
 * through runServiceMain, which stops it on SIGINT/SIGTERM/SIGHUP.
 */
export async function startServiceApp(options: ServiceAppOptions): Promise<NestExpressApplication> {
  const config = options.config ?? loadConfig();
  checkHttpBinding(config);
  @Module({
    imports: [RuntimeModule.forRoot({ config }), options.module],
    controllers: [ServiceHttpController],
    providers: [
      { provide: SERVICE_READINESS, useExisting: options.readiness },
      { provide: APP_GUARD, useClass: ApiAuthGuard },
    ],
  })
  class ServiceAppModule {}

  const app = await NestFactory.create<NestExpressApplication>(ServiceAppModule, { logger: ['log', 'warn', 'error'] });
  await app.listen(options.httpPort ?? config.httpPort, config.httpHost);
  const logger = new Logger(options.name);
  logger.log(`running; metrics on ${await app.getUrl()}/metrics; stop with SIGTERM, SIGINT or SIGHUP`);
  if (holdsPlaceholderToken(config.apiAuth)) logger.warn('DRIFTWATCH_API_TOKENS still holds a CHANGE-ME placeholder: replace it with a random token');
  return app;
}
