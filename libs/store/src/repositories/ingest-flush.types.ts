import type { FeatureKindDelta } from '@driftwatch/contracts';
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
  /** Times the partition's log was found replaced before this plan (migration 0014); 0 when omitted. */
  readonly logEpoch?: number;
}


/** `FeatureKindDelta`s of one window and feature, summed (the same fields, `kinds` summed). */
export interface FeatureKindSummary extends Omit<FeatureKindDelta, 'kinds'> {
  readonly kinds: Record<string, number>;
}

export type { FeatureKindDelta };
