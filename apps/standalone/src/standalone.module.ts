import { Module, type DynamicModule } from '@nestjs/common';
import type { DriftwatchConfig } from '@driftwatch/config';
import { RuntimeModule } from '@driftwatch/runtime';
import { AggregatorModule } from '@driftwatch/aggregator';
import { AlerterModule } from '@driftwatch/alerter';
import { ApiModule } from '@driftwatch/api';
import { EvaluatorModule } from '@driftwatch/evaluator';

/**
 * Every service of the embedded mode as modules of one process: the embedded ClickHouse
 * engine opens its data directory in one process only, so they share RuntimeModule's single
 * store.
 */
@Module({})
export class StandaloneModule {
  static forRoot(config: DriftwatchConfig): DynamicModule {
    return {
      module: StandaloneModule,
      imports: [RuntimeModule.forRoot({ config }), ApiModule, AggregatorModule.forRoot(), EvaluatorModule.forRoot(), AlerterModule.forRoot()],
    };
  }
}
