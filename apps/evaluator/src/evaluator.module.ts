import { DynamicModule, Module } from '@nestjs/common';
import { evaluatorOptionsFromEnv, type EvaluatorOptions } from './evaluator.options';
import { EvaluatorService } from './evaluator.service';
import { EVALUATOR_OPTIONS } from './evaluator.tokens';

/**
 * The evaluator: consumes `driftwatch.windows`, judges each closed window (and each completed
 * rollup bucket, default hourly) against its baseline and the model's policy, stores the
 * result in `drift_results` and publishes it on `driftwatch.evaluations`; a timer publishes
 * silence evaluations for models whose windows stopped closing.
 *
 * Needs: the host imports `RuntimeModule.forRoot()` (@driftwatch/runtime) for the
 * configuration, the process's one store and the Kafka client, and calls
 * `app.enableShutdownHooks()` so SIGTERM finishes and commits the batch in hand before the
 * store closes. Consumer group `kafka.groups.evaluator`; topics from the shared config.
 * Exports `EvaluatorService` (`isReady()` for `/health/ready`). Options come from the
 * environment (see `evaluatorOptionsFromEnv`); `forRoot(overrides)` replaces any of them.
 */
@Module({})
export class EvaluatorModule {
  static forRoot(overrides: Partial<EvaluatorOptions> = {}): DynamicModule {
    return {
      module: EvaluatorModule,
      providers: [{ provide: EVALUATOR_OPTIONS, useFactory: () => evaluatorOptionsFromEnv(process.env, overrides) }, EvaluatorService],
      exports: [EvaluatorService],
    };
  }
}
