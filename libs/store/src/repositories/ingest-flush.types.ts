import type { WindowsSnapshot } from '@driftwatch/windowing';

/** One flush of one partition, recorded before its data is written (migration 0003). */
export interface IngestFlushPlan {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly partition: number;
  /** Kafka offsets as decimal strings, both inclusive. */
  readonly fromOffset: string;
  readonly toOffset: string;
  /** Windowing's own snapshots, so a restarted consumer restores exactly what was saved. */
  readonly before: WindowsSnapshot;
  readonly after: WindowsSnapshot;
  /** Epoch ms. */
  readonly plannedAt: number;
}

/** Value kinds seen for one feature in one window where the baseline cannot account for them. */
export interface FeatureKindDelta {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly feature: string;
  /** The baseline the window was binned against; '' without one. */
  readonly baselineId: string;
  /** False for a feature the baseline does not have (every feature of a model without one). */
  readonly inBaseline: boolean;
  /** Count per JSON value kind: number, string, boolean, other. */
  readonly kinds: Readonly<Record<string, number>>;
}

/** `FeatureKindDelta`s of one window and feature, summed. */
export interface FeatureKindSummary {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly feature: string;
  readonly baselineId: string;
  readonly inBaseline: boolean;
  readonly kinds: Record<string, number>;
}
