export { AggregatorModule } from './aggregator.module';
export { AggregatorService } from './aggregator.service';
export { aggregatorOptions, DEFAULT_AGGREGATOR_OPTIONS, type AggregatorHooks, type AggregatorOptions } from './aggregator.options';
export { startAggregatorApp } from './bootstrap';
