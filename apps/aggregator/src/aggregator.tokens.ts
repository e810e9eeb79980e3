/** Injection token of the `AggregatorOptions`: the configuration's section with the host's hooks. */
export const AGGREGATOR_OPTIONS = Symbol('AGGREGATOR_OPTIONS');
