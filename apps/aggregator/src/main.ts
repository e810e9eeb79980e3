// The aggregator service on its own: `node dist/apps/aggregator/apps/aggregator/src/main.js`.
import 'reflect-metadata';
import { ConfigError } from '@driftwatch/config';
import { startAggregatorApp } from './bootstrap';

startAggregatorApp().catch((error: Error) => {
  // An operator mistake is one line, like the other services'.
  process.stderr.write(`driftwatch: ${error instanceof ConfigError ? `invalid configuration: ${error.problems.join('; ')}` : (error.stack ?? error.message)}\n`);
  process.exit(1);
});
