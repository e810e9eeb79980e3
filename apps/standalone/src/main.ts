// Driftwatch in one process (embedded mode): the api and the aggregator on one embedded
// ClickHouse. `npm start` runs this; `node dist/apps/standalone/apps/standalone/src/main.js`.
import 'reflect-metadata';
import { AggregatorService } from '../../aggregator/src/aggregator.service';
import { runHttpService } from '../../api/src/bootstrap/run-http-service';
import { ReadinessService } from '../../api/src/health/readiness.service';
import { StandaloneModule } from './standalone.module';

runHttpService({
  name: 'standalone',
  rootModule: (config) => StandaloneModule.forRoot(config),
  beforeListen: (app) => {
    const aggregator = app.get(AggregatorService);
    app.get(ReadinessService).register('aggregator', async () =>
      aggregator.isReady() ? { ok: true } : { ok: false, error: 'the event consumer is not running' },
    );
  },
}).catch((error: unknown) => {
  // Not an operator mistake (those exit with one line inside runHttpService): show everything.
  process.stderr.write(`driftwatch: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
