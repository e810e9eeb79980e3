import type { Policy } from '@driftwatch/evaluation';

/** The answer of GET/PUT /api/models/{model}/policy (apps/api/src/policies/policy-view.ts). */
export interface PolicyView {
  modelId: string;
  policy: Record<string, unknown>;
  effective: EffectivePolicy;
  updatedAt: string | null;
  warnings: string[];
}

/**
 * The effective policy is the evaluator's own Policy type (a type-only import: the CLI does not
 * load the evaluation code), so the table cannot drift from what the API answers.
 */
export type EffectivePolicy = Policy;
