/** One feature's additive contribution to one window (see migration 0001). */
export interface WindowFeatureDelta {
  readonly modelId: string;
  readonly modelVersion: string;
  /** Epoch milliseconds, start inclusive, end exclusive. */
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly feature: string;
  /** The baseline whose edges `bins` refer to; '' when the model has no baseline. */
  readonly baselineId: string;
  /** Values of the expected type, i.e. the ones counted in bins or categories. */
  readonly count: number;
  /** Null or absent. */
  readonly missing: number;
  /** Present with the wrong type. */
  readonly typeErrors: number;
  /** Counts per baseline bin (numeric), `edges.length + 1` entries; empty otherwise. */
  readonly bins: readonly number[];
  readonly fineBins?: readonly number[];
  /** Counts per category seen, including categories unseen in the baseline. */
  readonly categories: Readonly<Record<string, number>>;
  readonly outOfRangeLow: number;
  readonly outOfRangeHigh: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly sum: number;
  readonly sumSq: number;
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

/** A feature's histogram summed over all deltas of a window (or of a rollup bucket). */
export interface FeatureHistogram {
  readonly feature: string;
  readonly baselineId: string;
  readonly count: number;
  readonly missing: number;
  readonly typeErrors: number;
  readonly bins: number[];
  readonly fineBins: number[];
  readonly categories: Record<string, number>;
  readonly outOfRangeLow: number;
  readonly outOfRangeHigh: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly sum: number;
  readonly sumSq: number;
}

export interface WindowAggregate {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly eventCount: number;
  readonly lateCount: number;
  readonly firstEventTime: number | null;
  readonly lastEventTime: number | null;
  /** First close; null while the window is open. For a rollup bucket, the last close. */
  readonly closedAt: number | null;
  /** Number of delta rows behind the counts (windows table), a hint of late traffic. */
  readonly deltas: number;
  /** Source windows summed into this one (1 for a plain window). */
  readonly windowCount: number;
  /**
   * Sorted by feature, then baseline. A feature appears once per baseline its deltas were
   * binned against: twice only when the active baseline changed inside the window, since
   * bins against different edges cannot be added.
   */
  readonly features: FeatureHistogram[];
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
