import type { Finding } from './evaluation';

/**
 * `details.explanation` of a data_drift or prediction_drift finding: the bins (numeric) or
 * categories that moved the deciding method most, largest contribution first. Contributions
 * are the per-bin terms of libs/stats explain/bin-contributions.ts; `additive` says whether all
 * bins' terms add up to the finding's value (PSI, JS, KL, Hellinger, TV, Wasserstein) or only
 * rank the bins (KS: the largest is the statistic; chi-square and the z-test: they add up to the
 * contingency χ², not to the p-value that decided).
 */
export interface DriftExplanation {
  method: string;
  additive: boolean;
  /** Bins or categories compared (the top ones are listed). */
  bins: number;
  top: DriftContributor[];
}

export interface DriftContributor {
  /** Numeric: the baseline bin [low, high); null for the open outer ends. */
  low?: number | null;
  high?: number | null;
  /** Categorical or boolean: the category (names cut to 128 characters). */
  category?: string;
  /** A category the baseline never saw. */
  new?: boolean;
  baselineShare: number;
  currentShare: number;
  contribution: number;
}

/**
 * `details.impact` ranks drift findings across features and models: drift × importance, where
 * drift is value / threshold for a distance and ln p / ln threshold for a p-value (both 1 at
 * the threshold, growing with the evidence) and importance is the feature's share of the
 * model's importance times the number of features (1 for an average feature, and for every
 * feature of a model without importances or for the prediction). `details.impactFactors` holds the two.
 */
export interface DriftImpactFactors {
  drift: number;
  importance: number;
}

/** The impact of a finding, or null when it carries none (other kinds, older messages). */
export function findingImpact(finding: Pick<Finding, 'details'>): number | null {
  const impact = finding.details?.impact;
  return typeof impact === 'number' && Number.isFinite(impact) ? impact : null;
}

/** The finding without `details.explanation`: the first evidence given up when a message is too large. */
export function withoutExplanation(finding: Finding): Finding {
  if (!finding.details || !('explanation' in finding.details)) return finding;
  const { explanation: _e, ...details } = finding.details;
  return { ...finding, details };
}
