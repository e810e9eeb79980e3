// The alerter service alone (distributed mode): evaluations → incidents, gauges on /metrics, webhooks.
import 'reflect-metadata';
import { runServiceMain } from '@driftwatch/runtime';
import { AlerterService } from './alerter.service';
import { startAlerterApp } from './bootstrap';

// Stop signals flush, commit and leave the consumer group once, then exit 0; an operator mistake at start is one line.
runServiceMain('Alerter', () => startAlerterApp(), (app) => `${app.get(AlerterService).stopWork()}; then leaving the consumer groups`);
