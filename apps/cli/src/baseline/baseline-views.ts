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

export interface BaselineView {
  modelId: string;
  modelVersion: string;
  baselineId: string;
  createdAt: string;
  rowCount: number;
  source: string;
  features: BaselineFeatureView[];
  samples?: { used: number; available: number };
}

export interface BaselineSummaryView {
  modelId: string;
  modelVersion: string;
  baselineId: string;
  createdAt: string;
  rowCount: number;
  source: string;
  featureCount: number;
  active: boolean;
}
