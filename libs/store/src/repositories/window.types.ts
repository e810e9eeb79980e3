import type { WindowFeatureDelta } from '@driftwatch/contracts';

export type { WindowFeatureDelta };


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
