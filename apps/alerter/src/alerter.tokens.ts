/** Injection tokens of the alerter module. */
export const ALERTER_OPTIONS = Symbol('ALERTER_OPTIONS');
