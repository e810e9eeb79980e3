import type { Baseline, StoredPolicy } from '@driftwatch/store';
import { describe, expect, it } from 'vitest';
import { BaselineCache } from './baseline-cache';

const baselineOf = (modelId: string, modelVersion: string): Baseline => ({
  modelId, modelVersion, baselineId: `${modelId}-${modelVersion}`, createdAt: 0, rowCount: 1, source: 'test', features: [],
});

describe('aggregator BaselineCache', () => {
  it('holds at most its capacity of model versions, evicting the least recently used', async () => {
    let reads = 0;
    const repository = { getActive: async (m: string, v: string) => (reads++, baselineOf(m, v)) };
    const cache = new BaselineCache(repository, 60_000, () => 0, null, 3);
    for (let i = 0; i < 1000; i++) await cache.ensure([[`random-${i}`, '1']]);
    expect(cache.size).toBe(3);
    expect(cache.get('random-999', '1')?.baselineId).toBe('random-999-1');
    expect(cache.get('random-0', '1')).toBeNull();
    await cache.ensure([['random-999', '1']]);
    expect(reads).toBe(1000);
  });

  it("takes the model's drift.maxCategories from its stored policy, the default without one or with an invalid one", async () => {
    const stored: Record<string, unknown> = { a: { drift: { maxCategories: 50 } }, bad: { drift: { maxCategories: -1 } } };
    const policies = {
      get: async (modelId: string) => (modelId in stored ? ({ modelId, policy: stored[modelId], updatedAt: 0 } as unknown as StoredPolicy) : null),
    };
    const cache = new BaselineCache({ getActive: async (m: string, v: string) => baselineOf(m, v) }, 60_000, () => 0, policies);
    await cache.ensure([['a', '1'], ['b', '1'], ['bad', '1']]);
    expect(cache.limits('a', '1').maxCategories).toBe(50);
    expect(cache.limits('b', '1').maxCategories).toBe(1000);
    expect(cache.limits('bad', '1').maxCategories).toBe(1000);
  });
});
