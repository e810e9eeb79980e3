import { DynamicModule, Module } from '@nestjs/common';
import type { EvaluatorConfig } from '@driftwatch/config';
import { EVALUATOR_CONFIG } from '@driftwatch/runtime';
import { evaluatorOptions, type EvaluatorHooks } from './evaluator.options';
import { EvaluatorService } from './evaluator.service';
import { EVALUATOR_OPTIONS } from './evaluator.tokens';

/**
 * The evaluator: consumes `driftwatch.windows`, judges each closed window (and each completed
 * rollup bucket, default hourly) against its baseline and the model's policy, stores the
 * result in `drift_results` and publishes it on `driftwatch.evaluations`; a timer publishes
 * silence evaluations for models whose windows stopped closing.
 *
 * Needs: the host imports `RuntimeModule.forRoot()` (@driftwatch/runtime) for the
 * configuration (its `evaluator` section, the shared topics and window sizes), the process's
 * one store with its repositories and the Kafka client, and closes the app on a stop
 * signal (runServiceMain, runHttpService) so SIGTERM finishes and commits the batch in hand before the store closes. Consumer group
 * `kafka.groups.evaluator`. Exports `EvaluatorService` (`isReady()` for `/health/ready`).
 * `forRoot(hooks)` sets what is not configuration: consumer pacing.
 */
@Module({})
export class EvaluatorModule {
  static forRoot(hooks: Partial<EvaluatorHooks> = {}): DynamicModule {
    return {
      module: EvaluatorModule,
      providers: [
        { provide: EVALUATOR_OPTIONS, inject: [EVALUATOR_CONFIG], useFactory: (section: EvaluatorConfig) => evaluatorOptions(section, hooks) },
        EvaluatorService,
      ],
      exports: [EvaluatorService],
    };
  }
}
