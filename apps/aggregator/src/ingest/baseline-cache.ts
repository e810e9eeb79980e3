import { mergePolicy, validatePolicy } from '@driftwatch/evaluation';
import { compileBaseline, type AccumulatorLimits, type CompiledBaseline } from '@driftwatch/ingest';
import { LruMap } from '@driftwatch/runtime';
import type { BaselineRepository, PolicyRepository } from '@driftwatch/store';

interface Entry {
  baseline: CompiledBaseline | null;
  limits: AccumulatorLimits;
  loadedAt: number;
}

/**
 * Model versions whose baseline is kept in memory. Far above the versions of one batch (a
 * batch's versions are loaded, then read, so the cache must hold them all at once) and small
 * enough that random model ids sent by a client cannot grow the aggregator without bound.
 */
export const BASELINE_CACHE_CAPACITY = 10_000;

/**
 * Active baselines per model version, compiled once, with the accumulator limits of the
 * model's policy (`drift.maxCategories`). Entries (including "no baseline") are re-read after
 * `refreshMs`, so a baseline or policy changed while the aggregator runs is used from the next
 * refresh on, without a restart. The least recently used version is evicted past the capacity.
 */
export class BaselineCache {
  private readonly entries: LruMap<string, Entry>;

  constructor(
    private readonly repository: Pick<BaselineRepository, 'getActive'>,
    private readonly refreshMs: number,
    private readonly now: () => number = Date.now,
    private readonly policies: Pick<PolicyRepository, 'get'> | null = null,
    capacity = BASELINE_CACHE_CAPACITY,
  ) {
    this.entries = new LruMap(capacity);
  }

  /** Loads what is missing or stale among `models` ([modelId, modelVersion] pairs). */
  async ensure(models: Iterable<readonly [string, string]>): Promise<void> {
    const now = this.now();
    const due = new Map<string, readonly [string, string]>();
    for (const pair of models) {
      const key = keyOf(pair[0], pair[1]);
      const entry = this.entries.get(key);
      if (!entry || now - entry.loadedAt >= this.refreshMs) due.set(key, pair);
    }
    await Promise.all(
      [...due].map(async ([key, [modelId, modelVersion]]) => {
        const [baseline, limits] = await Promise.all([this.repository.getActive(modelId, modelVersion), this.limitsOf(modelId)]);
        const current = this.entries.get(key);
        // Keep the compiled object when nothing changed: accumulators compare by identity.
        const same = current?.baseline && baseline && current.baseline.baselineId === baseline.baselineId;
        this.entries.set(key, { baseline: same ? current.baseline : baseline && compileBaseline(baseline), limits, loadedAt: now });
      }),
    );
  }

  /** The active baseline as last loaded; null when the model version has none (or was never loaded). */
  get(modelId: string, modelVersion: string): CompiledBaseline | null {
    return this.entries.get(keyOf(modelId, modelVersion))?.baseline ?? null;
  }

  /** The accumulator limits of the model as last loaded (the defaults when never loaded). */
  limits(modelId: string, modelVersion: string): AccumulatorLimits {
    return this.entries.get(keyOf(modelId, modelVersion))?.limits ?? DEFAULT_LIMITS;
  }

  get size(): number {
    return this.entries.size;
  }

  private async limitsOf(modelId: string): Promise<AccumulatorLimits> {
    if (!this.policies) return DEFAULT_LIMITS;
    const stored = await this.policies.get(modelId);
    if (!stored) return DEFAULT_LIMITS;
    // An invalid stored policy is the evaluator's to report; here it falls back to the default.
    const checked = validatePolicy(stored.policy);
    return checked.ok ? { maxCategories: checked.policy.drift.maxCategories } : DEFAULT_LIMITS;
  }
}

const DEFAULT_LIMITS: AccumulatorLimits = Object.freeze({ maxCategories: mergePolicy(null).drift.maxCategories });

function keyOf(modelId: string, modelVersion: string): string {
  return `${modelId}\u0000${modelVersion}`;
}
