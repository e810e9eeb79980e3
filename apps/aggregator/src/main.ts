// The aggregator service on its own: `node dist/apps/aggregator/apps/aggregator/src/main.js`.
import 'reflect-metadata';
import { startAggregatorApp } from './bootstrap';

startAggregatorApp().catch((error: unknown) => {
  process.stderr.write(`aggregator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
