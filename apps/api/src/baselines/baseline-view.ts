import type { Baseline, BaselineFeature, BaselineSummary } from '@driftwatch/store';

export interface BaselineView {
  modelId: string;
  modelVersion: string;
  baselineId: string;
  createdAt: string;
  rowCount: number;
  source: string;
  features: BaselineFeature[];
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

export function toBaselineView(b: Baseline): BaselineView {
  return { ...b, createdAt: new Date(b.createdAt).toISOString(), features: [...b.features] };
}

export function toSummaryView(s: BaselineSummary): BaselineSummaryView {
  return { ...s, createdAt: new Date(s.createdAt).toISOString() };
}
