import type { EvaluationMessage } from '@driftwatch/contracts';
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

/** A page of the drift history cut by size as well as by count (listWithin). */
export interface DriftResultPage {
  /** Oldest first: the newest of the rows asked for, as many as fit in the byte budget (at least one). */
  readonly evaluations: EvaluationMessage[];
  /** How many rows `limit` and `offset` selected before the byte budget cut. */
  readonly selected: number;
}
