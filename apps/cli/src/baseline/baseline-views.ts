/** What the API answers (see apps/api: baseline-view.ts); only the fields the CLI prints. */
export interface BaselineFeatureView {
  name: string;
  kind: string;
  edges: number[];
  categories: Record<string, number>;
  count: number;
  missing: number;
  min: number | null;
  max: number | null;
  median: number | null;
  importance: number | null;
}

/** What identifies a baseline and where it came from: in both the full answer and the list. */
interface BaselineHeaderView {
  modelId: string;
  modelVersion: string;
  baselineId: string;
  createdAt: string;
  rowCount: number;
  source: string;
}

export interface BaselineView extends BaselineHeaderView {
  features: BaselineFeatureView[];
  /** The model's performance on the baseline rows, when they had labels. */
  performance?: { task: string; positiveClass: string | null; classes: string[]; labelled: number; metrics: Record<string, number | null> };
  samples?: { used: number; available: number };
}

export interface BaselineSummaryView extends BaselineHeaderView {
  featureCount: number;
  active: boolean;
}
