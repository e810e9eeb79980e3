import { DynamicModule, Module } from '@nestjs/common';
import type { AlerterConfig } from '@driftwatch/config';
import { ALERTER_CONFIG } from '@driftwatch/runtime';
import { alerterOptions, type AlerterHooks } from './alerter.options';
import { AlerterService } from './alerter.service';
import { ALERTER_OPTIONS } from './alerter.tokens';

/**
 * The alerter: consumes `driftwatch.evaluations`, keeps incidents with hysteresis, publishes
 * their lifecycle on `driftwatch.incidents`, sets the drift and incident gauges of the default
 * Prometheus registry, and delivers incident events to webhooks from a second consumer group.
 *
 * Needs: the host imports `RuntimeModule.forRoot()` (configuration, of which this module uses
 * the `alerter` section and the shared topics; the one store with its repositories; Kafka) and
 * closes the app on a stop signal (runServiceMain, runHttpService). Serves no HTTP itself: the host's `/metrics` shows its
 * metrics (apps/api's MetricsController in the standalone mode, the alerter's own in main.ts).
 * `forRoot(hooks)` sets what is not configuration: consumer pacing.
 */
@Module({})
export class AlerterModule {
  static forRoot(hooks: Partial<AlerterHooks> = {}): DynamicModule {
    return {
      module: AlerterModule,
      providers: [
        { provide: ALERTER_OPTIONS, inject: [ALERTER_CONFIG], useFactory: (section: AlerterConfig) => alerterOptions(section, hooks) },
        AlerterService,
      ],
      exports: [AlerterService],
    };
  }
}
