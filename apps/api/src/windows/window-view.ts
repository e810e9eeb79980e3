import type { FeatureHistogram, WindowAggregate } from '@driftwatch/store';
import { iso } from '../http/query-params';

export interface FeatureView {
  feature: string;
  /** The baseline whose bins `bins` refer to; '' when the model had none. */
  baselineId: string;
  count: number;
  missing: number;
  typeErrors: number;
  bins: number[];
  fineBins: number[];
  categories: Record<string, number>;
  outOfRangeLow: number;
  outOfRangeHigh: number;
  min: number | null;
  max: number | null;
  sum: number;
  sumSq: number;
}

export interface WindowView {
  modelVersion: string;
  start: string;
  end: string;
  eventCount: number;
  lateCount: number;
  firstEventTime: string | null;
  lastEventTime: string | null;
  closedAt: string | null;
  /** Source windows summed into this one (1 unless rolled up). */
  windowCount: number;
  features: FeatureView[];
}

/** A stored window as the API shows it: ISO timestamps, every histogram field of every feature. */
export function toWindowView(w: WindowAggregate): WindowView {
  return {
    modelVersion: w.modelVersion,
    start: iso(w.windowStart) as string,
    end: iso(w.windowEnd) as string,
    eventCount: w.eventCount,
    lateCount: w.lateCount,
    firstEventTime: iso(w.firstEventTime),
    lastEventTime: iso(w.lastEventTime),
    closedAt: iso(w.closedAt),
    windowCount: w.windowCount,
    features: w.features.map(toFeatureView),
  };
}

function toFeatureView(f: FeatureHistogram): FeatureView {
  return {
    feature: f.feature,
    baselineId: f.baselineId,
    count: f.count,
    missing: f.missing,
    typeErrors: f.typeErrors,
    bins: f.bins,
    fineBins: f.fineBins,
    categories: f.categories,
    outOfRangeLow: f.outOfRangeLow,
    outOfRangeHigh: f.outOfRangeHigh,
    min: f.min,
    max: f.max,
    sum: f.sum,
    sumSq: f.sumSq,
  };
}
