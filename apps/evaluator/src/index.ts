export { EvaluatorModule } from './evaluator.module';
export { EvaluatorService } from './evaluator.service';
export { evaluatorOptionsFromEnv, DEFAULT_EVALUATOR_OPTIONS, type EvaluatorOptions } from './evaluator.options';
export { startEvaluatorApp } from './bootstrap';
