// The evaluator service on its own: `node dist/apps/evaluator/apps/evaluator/src/main.js`.
import 'reflect-metadata';
import { startEvaluatorApp } from './bootstrap';

startEvaluatorApp().catch((error: unknown) => {
  process.stderr.write(`evaluator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
