import type { ColumnData } from '../drift/column-data';

/** How a feature is binned in streaming: numbers, categories (text or integer codes), or booleans ("true"/"false"). */
export type BaselineFeatureKind = 'numeric' | 'categorical' | 'boolean';

/** One column of training data, as a reader (libs/tabular) or columnsFromRecords hands it over. */
export type BaselineColumn = ColumnData & { name: string };

/**
 * What a baseline keeps of one feature (the shape the store persists). Numeric features:
 * interior quantile `edges` and `binCounts` (edges.length + 1 entries), the same on a finer
 * grid for streaming KS/Wasserstein, and summary statistics of the finite values.
 * Categorical and boolean features: `categories` (count per category) only.
 */
export interface BaselineFeatureStats {
  name: string;
  kind: BaselineFeatureKind;
  edges: number[];
  binCounts: number[];
  fineEdges: number[];
  fineCounts: number[];
  categories: Record<string, number>;
  /** Valid (binned) values: Σ binCounts for numeric features, Σ categories otherwise. */
  count: number;
  missing: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Population standard deviation (`np.std`). */
  std: number | null;
  median: number | null;
  importance: number | null;
}

export interface BaselineStats {
  rowCount: number;
  features: BaselineFeatureStats[];
  /**
   * Cells that did not fit their column's kind (text in a column forced numeric, say), per
   * feature with any: they are in no bin and not counted, so the caller can warn about them.
   */
  typeErrors: Record<string, number>;
}

/** A baseline cannot be built from what was given; the message names the problem. */
export class BaselineSpecError extends Error {
  override readonly name = 'BaselineSpecError';
}
