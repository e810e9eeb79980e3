// The evaluator service on its own: `node dist/apps/evaluator/apps/evaluator/src/main.js`.
import 'reflect-metadata';
import { runServiceMain } from '@driftwatch/runtime';
import { EvaluatorService } from './evaluator.service';
import { startEvaluatorApp } from './bootstrap';

// Stop signals flush, commit and leave the consumer group once, then exit 0; an operator mistake at start is one line.
runServiceMain('Evaluator', () => startEvaluatorApp(), (app) => `${app.get(EvaluatorService).stopWork()}; then leaving the consumer groups`);
