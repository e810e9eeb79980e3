export { AggregatorModule } from './aggregator.module';
export { AggregatorService } from './aggregator.service';
export { aggregatorOptionsFromEnv, DEFAULT_AGGREGATOR_OPTIONS, type AggregatorOptions } from './aggregator.options';
export { startAggregatorApp } from './bootstrap';
