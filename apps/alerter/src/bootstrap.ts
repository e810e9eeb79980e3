import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DriftwatchConfig } from '@driftwatch/config';
import { startServiceApp } from '@driftwatch/runtime';
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

/** The alerter alone in a process, with /metrics and health on HTTP_HOST:HTTP_PORT: the distributed mode's alerter service. */
export function startAlerterApp(options: AlerterAppOptions = {}): Promise<NestExpressApplication> {
  return startServiceApp({ name: 'Alerter', config: options.config, httpPort: options.httpPort, module: AlerterModule.forRoot(options.alerter), readiness: AlerterService });
}
