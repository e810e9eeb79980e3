import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { mergePolicy, methodFits, validatePolicy, type Policy } from '@driftwatch/evaluation';
import { STORE } from '@driftwatch/runtime';
import { PolicyRepository, type Store, type StoredPolicy } from '@driftwatch/store';
import type { PolicyView } from './policy-view';

@Injectable()
export class PoliciesService {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly policies: PolicyRepository,
  ) {}

  async get(modelId: string): Promise<PolicyView> {
    const stored = await this.policies.get(modelId);
    const checked = stored ? validatePolicy(stored.policy) : null;
    const effective = checked?.ok ? checked.policy : mergePolicy(null);
    const warnings = checked && !checked.ok ? [`the stored policy is no longer valid, the defaults apply: ${checked.issues.join('; ')}`] : (checked?.notes ?? []);
    return this.view(modelId, stored, effective, [...warnings, ...(await this.featureWarnings(modelId, effective))]);
  }

  /** Replaces the model's policy with `body` (the overrides of the defaults); 400 naming every bad field. */
  async put(modelId: string, body: unknown): Promise<PolicyView> {
    const checked = validatePolicy(body ?? {});
    if (!checked.ok) throw new BadRequestException(`invalid policy: ${checked.issues.join('; ')}`);
    const stored = await this.policies.put(modelId, checked.value as Record<string, unknown>);
    // Notes (a retired field dropped) are said back, so a user learns what replaced it.
    return this.view(modelId, stored, checked.policy, [...checked.notes, ...(await this.featureWarnings(modelId, checked.policy))]);
  }

  async history(modelId: string, limit: number): Promise<{ modelId: string; versions: { policy: Record<string, unknown>; updatedAt: string }[] }> {
    const versions = await this.policies.history(modelId, limit);
    return { modelId, versions: versions.map((v) => ({ policy: v.policy, updatedAt: new Date(v.updatedAt).toISOString() })) };
  }

  private view(modelId: string, stored: StoredPolicy | null, effective: Policy, warnings: string[]): PolicyView {
    return {
      modelId,
      policy: stored?.policy ?? {},
      effective,
      updatedAt: stored ? new Date(stored.updatedAt).toISOString() : null,
      warnings,
    };
  }

  /** Per-feature settings checked against the model's active baselines (features may come later, so only warnings). */
  private async featureWarnings(modelId: string, policy: Policy): Promise<string[]> {
    const named = Object.keys(policy.features);
    if (named.length === 0) return [];
    const active = (await this.store.baselines.list(modelId)).filter((b) => b.active);
    if (active.length === 0) return [];
    const kinds = new Map<string, 'numeric' | 'categorical' | 'boolean'>();
    for (const summary of active) {
      const baseline = await this.store.baselines.get(modelId, summary.baselineId);
      for (const f of baseline?.features ?? []) kinds.set(f.name, f.kind);
    }
    const warnings: string[] = [];
    for (const name of named) {
      const kind = kinds.get(name);
      const method = policy.features[name].method;
      if (kind === undefined) warnings.push(`features.${name}: no active baseline of ${modelId} has this feature`);
      else if (method !== undefined && !methodFits(method, kind)) {
        warnings.push(`features.${name}.method: ${method} does not apply to ${kind} feature ${name}; its kind's rule is used instead`);
      }
    }
    return warnings;
  }
}
