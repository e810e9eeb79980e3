import { EnvReader, type Env } from '@driftwatch/config';

/**
 * Evaluator knobs beyond the shared configuration. Environment variables (all optional):
 * DRIFTWATCH_SILENCE_CHECK_MS (0 disables the silence timer), DRIFTWATCH_SILENCE_LOOKBACK_HOURS,
 * DRIFTWATCH_POLICY_REFRESH_MS.
 */
export interface EvaluatorOptions {
  /** How often the silence timer looks for models whose windows stopped closing; 0: never. */
  silenceCheckMs: number;
  /** Only models with a window closed within this many ms are watched for silence (retired ones are not). */
  silenceLookbackMs: number;
  /** A model's policy is re-read after this long, so API changes apply without a restart. */
  policyRefreshMs: number;
  /** Consumer tuning (tests shorten the waits). */
  consumer: { maxWaitTimeMs?: number; sessionTimeoutMs?: number; heartbeatIntervalMs?: number; restartDelayMs?: number };
}

export const DEFAULT_EVALUATOR_OPTIONS: Readonly<EvaluatorOptions> = Object.freeze({
  silenceCheckMs: 30_000,
  silenceLookbackMs: 24 * 3600_000,
  policyRefreshMs: 5_000,
  consumer: {},
});

/** Reads the evaluator's variables; throws a ConfigError naming every invalid one. */
export function evaluatorOptionsFromEnv(env: Env = process.env, overrides: Partial<EvaluatorOptions> = {}): EvaluatorOptions {
  const r = new EnvReader(env);
  const d = DEFAULT_EVALUATOR_OPTIONS;
  const options: EvaluatorOptions = {
    ...d,
    silenceCheckMs: r.unsignedInteger('DRIFTWATCH_SILENCE_CHECK_MS', d.silenceCheckMs, 0, 86_400_000),
    silenceLookbackMs: r.unsignedInteger('DRIFTWATCH_SILENCE_LOOKBACK_HOURS', d.silenceLookbackMs / 3600_000, 1, 24 * 366) * 3600_000,
    policyRefreshMs: r.unsignedInteger('DRIFTWATCH_POLICY_REFRESH_MS', d.policyRefreshMs, 0, 3_600_000),
    ...overrides,
  };
  r.throwIfInvalid();
  return options;
}
