import { DEFAULT_AGGREGATOR_CONFIG, type AggregatorConfig } from '@driftwatch/config';

// The policies are defined beside the routing they steer (libs/ingest, message-router.ts).
export type { OversizedPolicy, UnknownModelPolicy } from '@driftwatch/ingest';

/**
 * Stages of one flush, in order; `onFlushStage` is called after each (fault-injection tests).
 * `samples-written` comes after both the samples and the predictions are written.
 */
export type FlushStage = 'planned' | 'deltas-written' | 'samples-written' | 'published' | 'committed';

export interface FlushStageInfo {
  partition: number;
  fromOffset: string | null;
  toOffset: string | null;
  /** Flushes of this engine so far, this one included. */
  flushNumber: number;
}

/** What a host sets in code beside the configuration: consumer pacing and a flush hook. */
export interface AggregatorHooks {
  /** Consumer tuning (tests shorten the waits). */
  consumer: {
    maxWaitTimeMs?: number;
    sessionTimeoutMs?: number;
    heartbeatIntervalMs?: number;
    restartDelayMs?: number;
    maxBytesPerPartition?: number;
  };
  /** Called after each stage of a flush; tests use it to crash at a precise point. */
  onFlushStage?: (stage: FlushStage, info: FlushStageInfo) => void | Promise<void>;
}

/**
 * What the ingest engine runs with: the configuration's `aggregator` section (its variables are
 * read by `loadConfig`, see @driftwatch/config aggregator-config.ts) and the host's hooks.
 * Window sizes, per model too, are the shared `config.window`.
 */
export type AggregatorOptions = AggregatorConfig & AggregatorHooks;

export const DEFAULT_AGGREGATOR_OPTIONS: Readonly<AggregatorOptions> = Object.freeze({ ...DEFAULT_AGGREGATOR_CONFIG, consumer: {} });

export function aggregatorOptions(section: AggregatorConfig, hooks: Partial<AggregatorHooks> = {}): AggregatorOptions {
  return { ...section, consumer: {}, ...hooks };
}
