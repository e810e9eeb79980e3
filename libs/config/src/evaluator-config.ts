import type { EnvReader } from './env-reader';

/**
 * The evaluator's own variables (all optional): DRIFTWATCH_SILENCE_CHECK_MS (0 disables the
 * silence timer), DRIFTWATCH_SILENCE_LOOKBACK_HOURS, DRIFTWATCH_POLICY_REFRESH_MS,
 * DRIFTWATCH_PERFORMANCE_INTERVAL_MS (0 disables the performance monitor).
 */
export interface EvaluatorConfig {
  /** How often the silence timer looks for models whose windows stopped closing; 0: never. */
  readonly silenceCheckMs: number;
  /** Only models with a window closed within this many ms are watched for silence (retired ones are not). */
  readonly silenceLookbackMs: number;
  /** A model's policy is re-read after this long, so API changes apply without a restart. */
  readonly policyRefreshMs: number;
  /** How often the performance monitor joins new labels and judges ready windows; 0: never. */
  readonly performanceIntervalMs: number;
}

export const DEFAULT_EVALUATOR_CONFIG: EvaluatorConfig = Object.freeze({
  silenceCheckMs: 30_000,
  silenceLookbackMs: 24 * 3600_000,
  policyRefreshMs: 5_000,
  performanceIntervalMs: 5_000,
});

export function readEvaluatorConfig(r: EnvReader): EvaluatorConfig {
  const d = DEFAULT_EVALUATOR_CONFIG;
  return {
    silenceCheckMs: r.unsignedInteger('DRIFTWATCH_SILENCE_CHECK_MS', d.silenceCheckMs, 0, 86_400_000),
    silenceLookbackMs: r.unsignedInteger('DRIFTWATCH_SILENCE_LOOKBACK_HOURS', d.silenceLookbackMs / 3600_000, 1, 24 * 366) * 3600_000,
    policyRefreshMs: r.unsignedInteger('DRIFTWATCH_POLICY_REFRESH_MS', d.policyRefreshMs, 0, 3_600_000),
    performanceIntervalMs: r.unsignedInteger('DRIFTWATCH_PERFORMANCE_INTERVAL_MS', d.performanceIntervalMs, 0, 86_400_000),
  };
}
