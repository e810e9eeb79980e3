export { EvaluatorModule } from './evaluator.module';
export { EvaluatorService } from './evaluator.service';
export { evaluatorOptions, DEFAULT_EVALUATOR_OPTIONS, type EvaluatorHooks, type EvaluatorOptions } from './evaluator.options';
export { startEvaluatorApp } from './bootstrap';
