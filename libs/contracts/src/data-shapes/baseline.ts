import type { PerformanceSnapshot } from './performance';

export type FeatureKind = 'numeric' | 'categorical' | 'boolean';

export interface BaselineFeature {
  readonly name: string;
  readonly kind: FeatureKind;
  /** Interior quantile edges (numeric); empty otherwise. */
  readonly edges: readonly number[];
  /** Counts per bin, `edges.length + 1` entries (numeric); empty otherwise. */
  readonly binCounts: readonly number[];
  /** Optional finer grid for KS/Wasserstein in streaming. */
  readonly fineEdges?: readonly number[];
  readonly fineCounts?: readonly number[];
  /** Category counts (categorical; boolean as "true"/"false"). */
  readonly categories: Readonly<Record<string, number>>;
  /**
   * Valid values, the ones in `binCounts` or `categories`; missing ones are not included,
   * the same meaning as `FeatureHistogram.count` so a window compares like with like.
   */
  readonly count: number;
  readonly missing: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Population standard deviation (numpy's `np.std`). */
  readonly std: number | null;
  readonly median: number | null;
  readonly importance: number | null;
}

export interface Baseline {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly baselineId: string;
  /** Epoch milliseconds; the newest baseline of a model version is the active one. */
  readonly createdAt: number;
  readonly rowCount: number;
  /** Where it came from, e.g. `file:train.csv` or `windows:2026-11-01..2026-11-08`. */
  readonly source: string;
  /** In the order they were saved (the training file's column order). */
  readonly features: readonly BaselineFeature[];
  /**
   * The model's own performance on the baseline rows (`baseline create --target-column`, or
   * `--from-windows` over labelled predictions); absent when the baseline had no labels.
   */
  readonly performance?: PerformanceSnapshot;
}
