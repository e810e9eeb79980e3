/** Injection tokens for the process-wide resources every Driftwatch service shares. */
export const DRIFTWATCH_CONFIG = Symbol('DRIFTWATCH_CONFIG');
export const STORE = Symbol('STORE');
export const KAFKA = Symbol('KAFKA');

/** One service's section of the configuration, so a service depends on its own knobs only. */
export const AGGREGATOR_CONFIG = Symbol('AGGREGATOR_CONFIG');
export const EVALUATOR_CONFIG = Symbol('EVALUATOR_CONFIG');
export const ALERTER_CONFIG = Symbol('ALERTER_CONFIG');
export const LABELS_CONFIG = Symbol('LABELS_CONFIG');
