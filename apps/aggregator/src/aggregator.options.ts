import { EnvReader, type Env } from '@driftwatch/config';
import type { OversizedPolicy, UnknownModelPolicy } from '@driftwatch/ingest';

// The policies are defined beside the routing they steer (libs/ingest, message-router.ts).
export type { OversizedPolicy, UnknownModelPolicy };

/** Stages of one flush, in order; `onFlushStage` is called after each (fault-injection tests). */
export type FlushStage = 'planned' | 'deltas-written' | 'samples-written' | 'published' | 'committed';

export interface FlushStageInfo {
  partition: number;
  fromOffset: string | null;
  toOffset: string | null;
  /** Flushes of this engine so far, this one included. */
  flushNumber: number;
}

/**
 * Aggregator knobs beyond the shared configuration. Environment variables (all optional):
 * DRIFTWATCH_AGGREGATOR_FLUSH_MS, DRIFTWATCH_BASELINE_REFRESH_MS, DRIFTWATCH_SAMPLES_PER_WINDOW,
 * DRIFTWATCH_UNKNOWN_MODEL_POLICY, DRIFTWATCH_OVERSIZED_POLICY, DRIFTWATCH_EVENT_FORMAT,
 * DRIFTWATCH_MAX_FUTURE_SKEW_SECONDS.
 */
export interface AggregatorOptions {
  /** Pending deltas are written at least this often (ms). */
  flushIntervalMs: number;
  /** A cached baseline (or the absence of one) is re-read after this long, so new baselines apply without a restart. */
  baselineRefreshMs: number;
  /**
   * Raw events kept per (model, version, window) and partition for models without a baseline,
   * counted from the process start: a restart may keep up to this many more for a window that
   * was open at the time. 0 keeps none.
   */
  samplesPerWindow: number;
  unknownModelPolicy: UnknownModelPolicy;
  oversizedPolicy: OversizedPolicy;
  /**
   * Events stamped more than this far ahead of the aggregator clock go to the dead-letter topic
   * (see libs/ingest/src/future-timestamp.ts): they would push the watermark ahead and make every
   * later event late. 0 turns the check off (e.g. to replay synthetic data stamped in the future).
   */
  maxFutureSkewSeconds: number;
  /** Wire format of inference-events: `auto` accepts JSON and Avro (plain or Confluent-framed). */
  eventFormat: 'auto' | 'json' | 'avro';
  /** Window size per model id in seconds, overriding DRIFTWATCH_WINDOW_SECONDS. */
  windowSecondsByModel: Readonly<Record<string, number>>;
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

export const DEFAULT_AGGREGATOR_OPTIONS: Readonly<AggregatorOptions> = Object.freeze({
  flushIntervalMs: 1_000,
  baselineRefreshMs: 5_000,
  samplesPerWindow: 500,
  unknownModelPolicy: 'sample',
  oversizedPolicy: 'dlq',
  maxFutureSkewSeconds: 3_600,
  eventFormat: 'auto',
  windowSecondsByModel: {},
  consumer: {},
});

const POLICIES: readonly UnknownModelPolicy[] = ['sample', 'count', 'dlq'];
const OVERSIZED: readonly OversizedPolicy[] = ['dlq', 'drop'];
const FORMATS: readonly AggregatorOptions['eventFormat'][] = ['auto', 'json', 'avro'];

/** Reads the aggregator's variables; throws a ConfigError naming every invalid one. */
export function aggregatorOptionsFromEnv(env: Env = process.env, overrides: Partial<AggregatorOptions> = {}): AggregatorOptions {
  const r = new EnvReader(env);
  const d = DEFAULT_AGGREGATOR_OPTIONS;
  const options: AggregatorOptions = {
    ...d,
    flushIntervalMs: r.unsignedInteger('DRIFTWATCH_AGGREGATOR_FLUSH_MS', d.flushIntervalMs, 10, 600_000),
    baselineRefreshMs: r.unsignedInteger('DRIFTWATCH_BASELINE_REFRESH_MS', d.baselineRefreshMs, 100, 3_600_000),
    samplesPerWindow: r.unsignedInteger('DRIFTWATCH_SAMPLES_PER_WINDOW', d.samplesPerWindow, 0, 1_000_000),
    unknownModelPolicy: r.oneOf('DRIFTWATCH_UNKNOWN_MODEL_POLICY', d.unknownModelPolicy, POLICIES),
    oversizedPolicy: r.oneOf('DRIFTWATCH_OVERSIZED_POLICY', d.oversizedPolicy, OVERSIZED),
    maxFutureSkewSeconds: r.unsignedInteger('DRIFTWATCH_MAX_FUTURE_SKEW_SECONDS', d.maxFutureSkewSeconds, 0, 31_536_000),
    eventFormat: r.oneOf('DRIFTWATCH_EVENT_FORMAT', d.eventFormat, FORMATS),
    ...overrides,
  };
  r.throwIfInvalid();
  for (const [model, seconds] of Object.entries(options.windowSecondsByModel)) {
    if (!Number.isInteger(seconds) || seconds <= 0) throw new RangeError(`window size of model ${JSON.stringify(model)} must be a positive integer of seconds, got ${seconds}`);
  }
  return options;
}
