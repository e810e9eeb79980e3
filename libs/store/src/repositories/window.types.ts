import type { FeatureHistogram } from '@driftwatch/contracts';

/**
 * One feature's additive contribution to one window (see migration 0001): the same fields as
 * the summed `FeatureHistogram`, so `count` and the rest mean the same before and after the sum.
 */
export interface WindowFeatureDelta extends Omit<FeatureHistogram, 'bins' | 'fineBins' | 'categories'> {
  readonly modelId: string;
  readonly modelVersion: string;
  /** Epoch milliseconds, start inclusive, end exclusive. */
  readonly windowStart: number;
  readonly windowEnd: number;
  // Read-only, with `fineBins` optional: the store only reads what a writer hands over, and a
  // writer without a fine grid may leave it out (stored as empty).
  readonly bins: readonly number[];
  readonly fineBins?: readonly number[];
  readonly categories: Readonly<Record<string, number>>;
}

/** A window's additive event counts. */
export interface WindowDelta {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly eventCount: number;
  /** Events that arrived after the window had closed. */
  readonly lateCount: number;
  readonly firstEventTime: number | null;
  readonly lastEventTime: number | null;
  /** Set by the delta written when the window closes; null for deltas before or after. */
  readonly closedAt: number | null;
}

export interface DeltaBatch {
  readonly windows: readonly WindowDelta[];
  readonly features: readonly WindowFeatureDelta[];
}

export interface ModelSummary {
  readonly modelId: string;
  readonly modelVersion: string;
  /** Epoch ms; null when the model has a baseline but no window yet. */
  readonly firstWindowStart: number | null;
  readonly lastWindowEnd: number | null;
  /** Distinct windows stored (each may be made of many delta rows); 0 when the model has only a baseline. */
  readonly windowCount: number;
  readonly eventCount: number;
  readonly hasBaseline: boolean;
}
