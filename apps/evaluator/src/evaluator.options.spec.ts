import { ConfigError, loadConfig } from '@driftwatch/config';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EVALUATOR_OPTIONS, evaluatorOptions } from './evaluator.options';

describe('evaluator options from loadConfig', () => {
  it('defaults without variables', () => {
    expect(evaluatorOptions(loadConfig({}).evaluator)).toEqual(DEFAULT_EVALUATOR_OPTIONS);
  });

  it('reads the variables and lets overrides win', () => {
    const o = evaluatorOptions(
      loadConfig({ DRIFTWATCH_SILENCE_CHECK_MS: '0', DRIFTWATCH_SILENCE_LOOKBACK_HOURS: '48', DRIFTWATCH_POLICY_REFRESH_MS: '100', DRIFTWATCH_PERFORMANCE_INTERVAL_MS: '250' }, { evaluator: { policyRefreshMs: 7 } }).evaluator,
    );
    expect(o).toMatchObject({ silenceCheckMs: 0, silenceLookbackMs: 48 * 3600_000, policyRefreshMs: 7, performanceIntervalMs: 250 });
    expect(DEFAULT_EVALUATOR_OPTIONS.performanceIntervalMs).toBe(5_000);
  });

  it('names every invalid variable', () => {
    const env = { DRIFTWATCH_SILENCE_CHECK_MS: 'soon', DRIFTWATCH_SILENCE_LOOKBACK_HOURS: '0', DRIFTWATCH_PERFORMANCE_INTERVAL_MS: '-5' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        'DRIFTWATCH_SILENCE_CHECK_MS: expected an integer 0..86400000, got "soon"',
        'DRIFTWATCH_SILENCE_LOOKBACK_HOURS: expected an integer 1..8784, got "0"',
        'DRIFTWATCH_PERFORMANCE_INTERVAL_MS: expected an integer 0..86400000, got "-5"',
      ]);
    }
  });
});
