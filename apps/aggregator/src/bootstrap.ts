import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DriftwatchConfig } from '@driftwatch/config';
import { startServiceApp } from '@driftwatch/runtime';
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

/** The aggregator alone in a process, with /metrics and health on HTTP_HOST:HTTP_PORT: the distributed mode's aggregator service. */
export function startAggregatorApp(options: AggregatorAppOptions = {}): Promise<NestExpressApplication> {
  return startServiceApp({ name: 'Aggregator', config: options.config, httpPort: options.httpPort, module: AggregatorModule.forRoot(options.aggregator), readiness: AggregatorService });
}
