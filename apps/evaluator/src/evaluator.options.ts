import { DEFAULT_EVALUATOR_CONFIG, type EvaluatorConfig } from '@driftwatch/config';

/** What a host sets in code beside the configuration. */
export interface EvaluatorHooks {
  /**
   * Consumer tuning (tests shorten the waits); `evaluationConcurrency`: windows of a batch judged
   * at once (default DEFAULT_EVALUATION_CONCURRENCY, pipeline/windows-consumer.ts).
   */
  consumer: { maxWaitTimeMs?: number; sessionTimeoutMs?: number; heartbeatIntervalMs?: number; restartDelayMs?: number; evaluationConcurrency?: number };
}

/**
 * What the evaluator runs with: the configuration's `evaluator` section (its variables are read
 * by `loadConfig`, see @driftwatch/config evaluator-config.ts) and the host's hooks.
 */
export type EvaluatorOptions = EvaluatorConfig & EvaluatorHooks;

export const DEFAULT_EVALUATOR_OPTIONS: Readonly<EvaluatorOptions> = Object.freeze({ ...DEFAULT_EVALUATOR_CONFIG, consumer: {} });

export function evaluatorOptions(section: EvaluatorConfig, hooks: Partial<EvaluatorHooks> = {}): EvaluatorOptions {
  return { ...section, consumer: {}, ...hooks };
}
