// The aggregator service on its own: `node dist/apps/aggregator/apps/aggregator/src/main.js`.
import 'reflect-metadata';
import { runServiceMain } from '@driftwatch/runtime';
import { AggregatorService } from './aggregator.service';
import { startAggregatorApp } from './bootstrap';

// Stop signals flush, commit and leave the consumer group once, then exit 0; an operator mistake at start is one line.
runServiceMain('Aggregator', () => startAggregatorApp(), (app) => `${app.get(AggregatorService).stopWork()}; then leaving the consumer groups`);
