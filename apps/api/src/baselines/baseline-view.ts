import type { Baseline, BaselineFeature, BaselineSummary } from '@driftwatch/store';

// The API answers with the stored records as they are, but for `createdAt`: an ISO-8601 string
// in JSON instead of epoch milliseconds.

export interface BaselineView extends Omit<Baseline, 'createdAt' | 'features'> {
  createdAt: string;
  features: BaselineFeature[];
}

export interface BaselineSummaryView extends Omit<BaselineSummary, 'createdAt'> {
  createdAt: string;
}

export function toBaselineView(b: Baseline): BaselineView {
  return { ...b, createdAt: new Date(b.createdAt).toISOString(), features: [...b.features] };
}

export function toSummaryView(s: BaselineSummary): BaselineSummaryView {
  return { ...s, createdAt: new Date(s.createdAt).toISOString() };
}
