/** Injection token of the resolved `AggregatorOptions`. */
export const AGGREGATOR_OPTIONS = Symbol('AGGREGATOR_OPTIONS');
