import { loadConfig } from '@driftwatch/config';
import { describe, expect, it } from 'vitest';
import { aggregatorOptions, DEFAULT_AGGREGATOR_OPTIONS } from './aggregator.options';

describe('aggregator options from loadConfig', () => {
  it('uses the defaults, reads the variables and lets overrides win', () => {
    expect(aggregatorOptions(loadConfig({}).aggregator)).toEqual(DEFAULT_AGGREGATOR_OPTIONS);
    const o = aggregatorOptions(
      loadConfig(
        { DRIFTWATCH_AGGREGATOR_FLUSH_MS: '250', DRIFTWATCH_UNKNOWN_MODEL_POLICY: 'count', DRIFTWATCH_SAMPLES_PER_WINDOW: '0', DRIFTWATCH_MAX_FUTURE_SKEW_SECONDS: '600' },
        { aggregator: { oversizedPolicy: 'drop' } },
      ).aggregator,
    );
    expect(o).toMatchObject({ flushIntervalMs: 250, unknownModelPolicy: 'count', samplesPerWindow: 0, oversizedPolicy: 'drop', maxFutureSkewSeconds: 600 });
    expect(aggregatorOptions(loadConfig({}).aggregator).maxFutureSkewSeconds).toBe(3_600);
  });

  it('names every invalid variable', () => {
    expect(() =>
      loadConfig({ DRIFTWATCH_AGGREGATOR_FLUSH_MS: 'soon', DRIFTWATCH_OVERSIZED_POLICY: 'ignore', DRIFTWATCH_EVENT_FORMAT: 'xml' }),
    ).toThrow(/DRIFTWATCH_AGGREGATOR_FLUSH_MS: expected an integer 10\.\.600000, got "soon"[\s\S]*DRIFTWATCH_OVERSIZED_POLICY: expected one of dlq, drop[\s\S]*DRIFTWATCH_EVENT_FORMAT/);
    expect(() => loadConfig({ DRIFTWATCH_MAX_FUTURE_SKEW_SECONDS: '-5' })).toThrow(
      /DRIFTWATCH_MAX_FUTURE_SKEW_SECONDS: expected an integer 0\.\.31536000, got "-5"/,
    );
    expect(() => loadConfig({}, { window: { sizeSecondsByModel: { m: 0 } } })).toThrow(/window size of model "m"/);
  });
});
