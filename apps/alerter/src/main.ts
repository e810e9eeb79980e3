// The alerter service alone (distributed mode): evaluations → incidents, gauges on /metrics, webhooks.
import 'reflect-metadata';
import { ConfigError } from '@driftwatch/config';
import { startAlerterApp } from './bootstrap';

startAlerterApp().catch((error: Error) => {
  process.stderr.write(`driftwatch: ${error instanceof ConfigError ? error.message : (error.stack ?? error.message)}\n`);
  process.exit(1);
});
