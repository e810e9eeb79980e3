import { DynamicModule, Module } from '@nestjs/common';
import { alerterOptionsFromEnv, type AlerterOptions } from './alerter.options';
import { AlerterService } from './alerter.service';
import { ALERTER_OPTIONS } from './alerter.tokens';

/**
 * The alerter: consumes `driftwatch.evaluations`, keeps incidents with hysteresis, publishes
 * their lifecycle on `driftwatch.incidents`, sets the drift and incident gauges of the default
 * Prometheus registry, and delivers incident events to webhooks from a second consumer group.
 *
 * Needs: the host imports `RuntimeModule.forRoot()` (configuration, the one store, Kafka) and
 * calls `app.enableShutdownHooks()`. Serves no HTTP itself: the host's `/metrics` shows its
 * metrics (apps/api's MetricsController in the standalone mode, the alerter's own in main.ts).
 * Options come from the environment (see `alerterOptionsFromEnv`); `forRoot(overrides)` replaces any.
 */
@Module({})
export class AlerterModule {
  static forRoot(overrides: Partial<AlerterOptions> = {}): DynamicModule {
    return {
      module: AlerterModule,
      providers: [{ provide: ALERTER_OPTIONS, useFactory: () => alerterOptionsFromEnv(process.env, overrides) }, AlerterService],
      exports: [AlerterService],
    };
  }
}
