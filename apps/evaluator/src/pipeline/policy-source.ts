import { DEFAULT_POLICY, mergePolicy, validatePolicy, type Policy } from '@driftwatch/evaluation';
import { LruMap } from '@driftwatch/runtime';
import type { PolicyRepository } from '@driftwatch/store';

/** Models whose policy is cached; past it the least recently evaluated model's is re-read when needed. */
export const POLICY_CACHE_CAPACITY = 10_000;

interface Cached {
  policy: Policy;
  readAt: number;
}

/**
 * The effective policy of a model: its stored overrides merged on the defaults, cached for
 * `refreshMs` (policies change rarely; a window is evaluated every minute per model). A stored
 * document that no longer validates (the policy format evolved) falls back to the defaults
 * with a warning rather than stopping evaluation.
 */
export class PolicySource {
  private readonly cache = new LruMap<string, Cached>(POLICY_CACHE_CAPACITY);

  constructor(
    private readonly repository: PolicyRepository,
    private readonly refreshMs: number,
    private readonly warn: (message: string) => void,
  ) {}

  async get(modelId: string, now = Date.now()): Promise<Policy> {
    const cached = this.cache.get(modelId);
    if (cached && now - cached.readAt < this.refreshMs) return cached.policy;
    const stored = await this.repository.get(modelId);
    let policy: Policy;
    if (!stored) {
      policy = mergePolicy(null);
    } else {
      const checked = validatePolicy(stored.policy);
      if (checked.ok) policy = checked.policy;
      else {
        this.warn(`stored policy of model ${JSON.stringify(modelId)} is invalid (${checked.issues.join('; ')}); using the defaults`);
        policy = mergePolicy(null, DEFAULT_POLICY);
      }
    }
    this.cache.set(modelId, { policy, readAt: now });
    return policy;
  }
}
