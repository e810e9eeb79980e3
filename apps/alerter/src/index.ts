export { AlerterModule } from './alerter.module';
export { AlerterService } from './alerter.service';
export { AlerterMetrics } from './alerter.metrics';
export { alerterOptions, DEFAULT_ALERTER_OPTIONS, type AlerterHooks, type AlerterOptions } from './alerter.options';
export { startAlerterApp } from './bootstrap';
