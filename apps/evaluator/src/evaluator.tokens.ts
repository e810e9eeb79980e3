/** Injection token of the `EvaluatorOptions`: the configuration's section with the host's hooks. */
export const EVALUATOR_OPTIONS = Symbol('EVALUATOR_OPTIONS');
