/** Injection token of the `AlerterOptions`: the configuration's section with the host's hooks. */
export const ALERTER_OPTIONS = Symbol('ALERTER_OPTIONS');
