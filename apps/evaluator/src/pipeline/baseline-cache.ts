import type { Baseline, Store } from '@driftwatch/store';

/** Baselines never change once saved (a new one gets a new id), so they are cached by id. */
export class BaselineCache {
  private readonly byId = new Map<string, Baseline | null>();

  constructor(
    private readonly store: Store,
    private readonly capacity = 256,
  ) {}

  async get(modelId: string, baselineId: string): Promise<Baseline | null> {
    const key = JSON.stringify([modelId, baselineId]);
    if (this.byId.has(key)) {
      const hit = this.byId.get(key) ?? null;
      // Re-insert: Map order is the eviction order (least recently used first).
      this.byId.delete(key);
      this.byId.set(key, hit);
      return hit;
    }
    const baseline = await this.store.baselines.get(modelId, baselineId);
    // A miss is not cached: the baseline may be visible a moment later.
    if (baseline) {
      this.byId.set(key, baseline);
      if (this.byId.size > this.capacity) this.byId.delete(this.byId.keys().next().value as string);
    }
    return baseline;
  }
}
