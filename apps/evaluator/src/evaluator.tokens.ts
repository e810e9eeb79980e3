/** Injection token of the resolved `EvaluatorOptions`. */
export const EVALUATOR_OPTIONS = Symbol('EVALUATOR_OPTIONS');
