/** Injection tokens for the process-wide resources every Driftwatch service shares. */
export const DRIFTWATCH_CONFIG = Symbol('DRIFTWATCH_CONFIG');
export const STORE = Symbol('STORE');
export const KAFKA = Symbol('KAFKA');
