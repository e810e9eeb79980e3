import { loadConfig } from '@driftwatch/config';
import type { EvaluationMessage } from '@driftwatch/contracts';
import { mergePolicy } from '@driftwatch/evaluation';
import type { Store } from '@driftwatch/store';
import { describe, expect, it } from 'vitest';
import { evaluatorOptions } from '../evaluator.options';
import type { EvaluationSink } from './evaluation-sink';
import type { PolicySource } from './policy-source';
import { SilenceMonitor } from './silence-monitor';

const NOW = Date.UTC(2026, 10, 26, 14, 0, 30);
const MINUTE = 60_000;

/** Two models whose last windows closed ten minutes ago: minute windows, and hour windows. */
function monitor(sizeSecondsByModel?: Record<string, number>): { monitor: SilenceMonitor; published: EvaluationMessage[] } {
  const config = loadConfig({ DRIFTWATCH_WINDOW_SECONDS: '60' }, { window: { sizeSecondsByModel } });
  const models = ['hourly', 'minutely'].map((modelId) => ({ modelId, modelVersion: '1', hasBaseline: true, lastWindowEnd: NOW - 20 * MINUTE }));
  const store = {
    windows: {
      listModels: async () => models,
      lastCloses: async () => models.map((m) => ({ modelId: m.modelId, modelVersion: m.modelVersion, lastClosedAt: NOW - 10 * MINUTE })),
    },
  } as unknown as Store;
  const policies = { get: async () => mergePolicy(null) } as unknown as PolicySource;
  const published: EvaluationMessage[] = [];
  const sink = { deliver: async (e: readonly EvaluationMessage[]) => void published.push(...e) } as unknown as EvaluationSink;
  return { monitor: new SilenceMonitor(store, config, evaluatorOptions(config.evaluator), policies, sink, () => undefined), published };
}

describe('SilenceMonitor window sizes', () => {
  it('measures quiet in the shared window size when no model has its own', async () => {
    const { monitor: m } = monitor();
    expect((await m.check(NOW)).map((e) => e.modelId)).toEqual(['hourly', 'minutely']);
  });

  it('measures a model with its own window size (as the aggregator cuts it) in that size', async () => {
    const { monitor: m, published } = monitor({ hourly: 3600 });
    expect((await m.check(NOW)).map((e) => e.modelId)).toEqual(['minutely']);
    expect(published.map((e) => e.windowEnd - e.windowStart)).toEqual([MINUTE]);
  });
});
