import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DriftwatchConfig } from '@driftwatch/config';
import { startServiceApp } from '@driftwatch/runtime';
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

/** The evaluator alone in a process, with /metrics and health on HTTP_HOST:HTTP_PORT: the distributed mode's evaluator service. */
export function startEvaluatorApp(options: EvaluatorAppOptions = {}): Promise<NestExpressApplication> {
  return startServiceApp({ name: 'Evaluator', config: options.config, httpPort: options.httpPort, module: EvaluatorModule.forRoot(options.evaluator), readiness: EvaluatorService });
}
