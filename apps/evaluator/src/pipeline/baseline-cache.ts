import { LruMap } from '@driftwatch/runtime';
import type { Baseline, Store } from '@driftwatch/store';

/** Baselines kept by default: a few per live model version; an evicted one is read again when needed. */
export const EVALUATOR_BASELINE_CACHE_CAPACITY = 256;

/** Baselines never change once saved (a new one gets a new id), so they are cached by id, least recently used evicted. */
export class BaselineCache {
  private readonly byId: LruMap<string, Baseline>;

  constructor(
    private readonly store: Store,
    capacity = EVALUATOR_BASELINE_CACHE_CAPACITY,
  ) {
    this.byId = new LruMap(capacity);
  }

  async get(modelId: string, baselineId: string): Promise<Baseline | null> {
    const key = JSON.stringify([modelId, baselineId]);
    const hit = this.byId.get(key);
    if (hit) return hit;
    const baseline = await this.store.baselines.get(modelId, baselineId);
    // A miss is not cached: the baseline may be visible a moment later.
    if (baseline) this.byId.set(key, baseline);
    return baseline;
  }
}
