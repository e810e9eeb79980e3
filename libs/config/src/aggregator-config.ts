import type { EnvReader } from './env-reader';

// The same unions as @driftwatch/ingest's routing policy, which config cannot import (ingest
// takes the store's types, and the store takes config's). The aggregator hands this section to
// the router, so the compiler keeps the two equal.

/** What happens to events of a model that has no baseline yet. */
export type UnknownModelPolicy =
  /** Count them (volume, missing, value kinds) and keep a bounded sample for a baseline later. */
  | 'sample'
  /** Count them only. */
  | 'count'
  /** Send them to the dead-letter topic. */
  | 'dlq';

/** What happens to a payload larger than `maxEventBytes`. */
export type OversizedPolicy = 'dlq' | 'drop';

/** Wire format of inference-events: `auto` accepts JSON and Avro (plain or Confluent-framed). */
export type EventFormat = 'auto' | 'json' | 'avro';

/**
 * The aggregator's own variables (all optional): DRIFTWATCH_AGGREGATOR_FLUSH_MS,
 * DRIFTWATCH_BASELINE_REFRESH_MS, DRIFTWATCH_SAMPLES_PER_WINDOW, DRIFTWATCH_UNKNOWN_MODEL_POLICY,
 * DRIFTWATCH_OVERSIZED_POLICY, DRIFTWATCH_EVENT_FORMAT, DRIFTWATCH_MAX_FUTURE_SKEW_SECONDS,
 * DRIFTWATCH_PREDICTION_RETENTION_DAYS, DRIFTWATCH_MAX_UNKNOWN_FEATURES.
 */
export interface AggregatorConfig {
  /** Pending deltas are written at least this often (ms). */
  readonly flushIntervalMs: number;
  /** A cached baseline (or the absence of one) is re-read after this long, so new baselines apply without a restart. */
  readonly baselineRefreshMs: number;
  /**
   * Raw events kept per (model, version, window) and partition for models without a baseline,
   * counted from the process start: a restart may keep up to this many more for a window that
   * was open at the time. 0 keeps none.
   */
  readonly samplesPerWindow: number;
  readonly unknownModelPolicy: UnknownModelPolicy;
  readonly oversizedPolicy: OversizedPolicy;
  /**
   * Events stamped more than this far ahead of the aggregator clock go to the dead-letter topic
   * (see libs/ingest/src/future-timestamp.ts): they would push the watermark ahead and make
   * every later event late. 0 turns the check off (e.g. to replay synthetic data stamped in
   * the future).
   */
  readonly maxFutureSkewSeconds: number;
  readonly eventFormat: EventFormat;
  /**
   * Stored predictions (kept for the join with labels) expire this many days after their event
   * time (the `predictions` table's TTL column, set per row when it is written).
   */
  readonly predictionRetentionDays: number;
  /**
   * Feature names the baseline does not know kept by name per (model, version, window); values
   * of further names are counted together in one `__other__` row, so a client sending random
   * keys cannot create unbounded rows and findings. 0 counts every unknown name together.
   */
  readonly maxUnknownFeatures: number;
}

export const DEFAULT_AGGREGATOR_CONFIG: AggregatorConfig = Object.freeze({
  flushIntervalMs: 1_000,
  baselineRefreshMs: 5_000,
  samplesPerWindow: 500,
  unknownModelPolicy: 'sample',
  oversizedPolicy: 'dlq',
  maxFutureSkewSeconds: 3_600,
  eventFormat: 'auto',
  predictionRetentionDays: 90,
  maxUnknownFeatures: 100,
});

const POLICIES: readonly UnknownModelPolicy[] = ['sample', 'count', 'dlq'];
const OVERSIZED: readonly OversizedPolicy[] = ['dlq', 'drop'];
const FORMATS: readonly EventFormat[] = ['auto', 'json', 'avro'];

export function readAggregatorConfig(r: EnvReader): AggregatorConfig {
  const d = DEFAULT_AGGREGATOR_CONFIG;
  return {
    flushIntervalMs: r.unsignedInteger('DRIFTWATCH_AGGREGATOR_FLUSH_MS', d.flushIntervalMs, 10, 600_000),
    baselineRefreshMs: r.unsignedInteger('DRIFTWATCH_BASELINE_REFRESH_MS', d.baselineRefreshMs, 100, 3_600_000),
    samplesPerWindow: r.unsignedInteger('DRIFTWATCH_SAMPLES_PER_WINDOW', d.samplesPerWindow, 0, 1_000_000),
    unknownModelPolicy: r.oneOf('DRIFTWATCH_UNKNOWN_MODEL_POLICY', d.unknownModelPolicy, POLICIES),
    oversizedPolicy: r.oneOf('DRIFTWATCH_OVERSIZED_POLICY', d.oversizedPolicy, OVERSIZED),
    maxFutureSkewSeconds: r.unsignedInteger('DRIFTWATCH_MAX_FUTURE_SKEW_SECONDS', d.maxFutureSkewSeconds, 0, 31_536_000),
    eventFormat: r.oneOf('DRIFTWATCH_EVENT_FORMAT', d.eventFormat, FORMATS),
    predictionRetentionDays: r.unsignedInteger('DRIFTWATCH_PREDICTION_RETENTION_DAYS', d.predictionRetentionDays, 1, 3_650),
    maxUnknownFeatures: r.unsignedInteger('DRIFTWATCH_MAX_UNKNOWN_FEATURES', d.maxUnknownFeatures, 0, 10_000),
  };
}
