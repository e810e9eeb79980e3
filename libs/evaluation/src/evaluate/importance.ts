import { PREDICTION_FEATURE } from '@driftwatch/stats';
import type { Baseline } from '@driftwatch/contracts';
import type { Policy } from '../policy/policy.types';

export interface ImportanceView {
  /** False when neither the baseline nor the policy gives any feature a weight. */
  known: boolean;
  /** Weight / sum of weights, per feature; 0 for a feature without weight when others have one. */
  normalised: Map<string, number>;
}

/**
 * Feature importance normalised to sum to 1 over the baseline's features, the policy's
 * per-feature `importance` replacing the baseline's weight. A feature is "top" when its share
 * reaches `policy.importance.critical`. The prediction feature is no input of the model and
 * takes no share.
 */
export function featureImportance(baseline: Baseline, policy: Policy): ImportanceView {
  const raw = baseline.features
    .filter((f) => f.name !== PREDICTION_FEATURE)
    .map((f) => [f.name, policy.features[f.name]?.importance ?? f.importance] as const);
  const known = raw.some(([, w]) => w !== null);
  const total = raw.reduce((s, [, w]) => s + (w ?? 0), 0);
  const normalised = new Map(raw.map(([name, w]) => [name, known && total > 0 ? (w ?? 0) / total : 0]));
  return { known, normalised };
}

export function isTop(view: ImportanceView, feature: string, policy: Policy): boolean {
  return view.known && (view.normalised.get(feature) ?? 0) >= policy.importance.critical;
}
