// The evaluator service on its own: `node dist/apps/evaluator/apps/evaluator/src/main.js`.
import 'reflect-metadata';
import { ConfigError } from '@driftwatch/config';
import { startEvaluatorApp } from './bootstrap';

startEvaluatorApp().catch((error: Error) => {
  // An operator mistake is one line, like the other services'.
  process.stderr.write(`driftwatch: ${error instanceof ConfigError ? `invalid configuration: ${error.problems.join('; ')}` : (error.stack ?? error.message)}\n`);
  process.exit(1);
});
