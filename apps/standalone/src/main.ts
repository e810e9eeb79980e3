// Driftwatch in one process (embedded mode): api, aggregator, evaluator and alerter on one
// embedded ClickHouse. `npm start` runs this; `node dist/apps/standalone/apps/standalone/src/main.js`.
import 'reflect-metadata';
import { AggregatorService } from '@driftwatch/aggregator';
import { AlerterService } from '@driftwatch/alerter';
import { API_HTTP, ReadinessService } from '@driftwatch/api';
import { EvaluatorService } from '@driftwatch/evaluator';
import { runHttpService } from '@driftwatch/runtime';
import { StandaloneModule } from './standalone.module';

runHttpService({
  name: 'standalone',
  ...API_HTTP,
  rootModule: (config) => StandaloneModule.forRoot(config),
  // Alone on this machine, a member killed with -9 holds up the next start for a session
  // timeout: a short one (the broker's usual minimum is 6 s) keeps restarts quick.
  envDefaults: { KAFKA_SESSION_TIMEOUT_MS: '10000' },
  describeStop: (app) =>
    `${[app.get(AggregatorService).stopWork(), app.get(EvaluatorService).stopWork(), app.get(AlerterService).stopWork()].join('; ')}; then leaving the consumer groups`,
  beforeListen: (app) => {
    const readiness = app.get(ReadinessService);
    // The aggregator's check covers its two consumers (inference-events and inference-labels)
    // and names the one that is down.
    const aggregator = app.get(AggregatorService);
    readiness.register('aggregator', async () => {
      const down = aggregator.notReadyReason();
      return down === null ? { ok: true } : { ok: false, error: down };
    });
    const consumers: [string, { isReady(): boolean }, string][] = [
      ['evaluator', app.get(EvaluatorService), 'the window consumer is not running'],
      ['alerter', app.get(AlerterService), 'the evaluation consumer is not running'],
    ];
    for (const [name, service, down] of consumers) {
      readiness.register(name, async () => (service.isReady() ? { ok: true } : { ok: false, error: down }));
    }
  },
}).catch((error: unknown) => {
  // Not an operator mistake (those exit with one line inside runHttpService): show everything.
  process.stderr.write(`driftwatch: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
