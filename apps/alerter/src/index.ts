export { AlerterModule } from './alerter.module';
export { AlerterService } from './alerter.service';
export { AlerterMetrics } from './alerter.metrics';
export { alerterOptionsFromEnv, DEFAULT_ALERTER_OPTIONS, type AlerterOptions } from './alerter.options';
export { startAlerterApp } from './bootstrap';
