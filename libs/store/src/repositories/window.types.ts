import type { WindowAggregate, WindowFeatureDelta } from '@driftwatch/contracts';

export type { WindowFeatureDelta };

/**
 * A window's additive event counts: the aggregate's counting fields, one delta row's worth.
 * `lateCount` counts events that arrived after the window had closed; `closedAt` is set by the
 * delta written when the window closes, null for deltas before or after.
 */
export type WindowDelta = Omit<WindowAggregate, 'deltas' | 'windowCount' | 'features'>;

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

/** A version in a page of the model list, with how many versions its model has in all (a page may list fewer). */
export interface ModelPageRow extends ModelSummary {
  readonly versionCount: number;
}
