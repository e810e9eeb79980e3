export type DriftGranularity = 'window' | 'rollup';

export interface DriftResultQuery {
  readonly modelId: string;
  /** All versions when omitted. */
  readonly modelVersion?: string;
  /** Both when omitted. */
  readonly granularity?: DriftGranularity;
  /** Epoch ms: evaluations of windows with `from <= windowStart < to`. */
  readonly from: number;
  readonly to: number;
  /** At most this many, the most recent ones (default 10 000). */
  readonly limit?: number;
  /** Rows skipped before the first returned, in the list's order (paging; default 0). */
  readonly offset?: number;
}
