// The alerter service alone (distributed mode): evaluations → incidents, gauges on /metrics, webhooks.
import 'reflect-metadata';
import { ConfigError } from '@driftwatch/config';
import { startAlerterApp } from './bootstrap';

startAlerterApp().catch((error: Error) => {
  // An operator mistake is one line, like the other services'.
  process.stderr.write(`driftwatch: ${error instanceof ConfigError ? `invalid configuration: ${error.problems.join('; ')}` : (error.stack ?? error.message)}\n`);
  process.exit(1);
});
