import type { FeatureHistogram } from './feature-histogram';

/** A window (or a rollup bucket) with its deltas summed: what the evaluator judges. */
export interface WindowAggregate {
  readonly modelId: string;
  readonly modelVersion: string;
  /** Epoch milliseconds, start inclusive, end exclusive. */
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
