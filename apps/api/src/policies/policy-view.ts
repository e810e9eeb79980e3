import type { Policy } from '@driftwatch/evaluation';

/** What GET and PUT /api/models/{model}/policy answer. */
export interface PolicyView {
  modelId: string;
  /** The stored overrides ({} when the model has none). */
  policy: Record<string, unknown>;
  /** The policy the evaluator applies: the defaults with the overrides merged in. */
  effective: Policy;
  /** ISO-8601 time of the last change; null while the defaults apply. */
  updatedAt: string | null;
  /** Things that are valid but probably not meant, e.g. a feature no baseline of the model has. */
  warnings: string[];
}
