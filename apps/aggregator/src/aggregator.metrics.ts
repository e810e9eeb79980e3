import { DEAD_LETTER_CODES } from '@driftwatch/ingest';
import { watermarkDelaySeconds } from '@driftwatch/windowing';
import { Counter, Gauge, Histogram, register, type Metric } from 'prom-client';
import { ModelLabels } from './model-labels';

// The default registry, so the api's /metrics shows these without wiring. Metrics are created
// once per process: the standalone app and tests may build several aggregator instances.
function singleton<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const EVENT_OUTCOMES = ['accepted', 'late', 'invalid'] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

/** Every dead-letter code the aggregator counts: the router's, plus `poison` from the consumer runner. */
const DEAD_LETTER_COUNTER_CODES: readonly string[] = [...DEAD_LETTER_CODES, 'poison'];

export { MAX_MODEL_LABELS } from './model-labels';

export class AggregatorMetrics {
  readonly events = singleton(
    'driftwatch_events_total',
    () => new Counter({ name: 'driftwatch_events_total', help: 'Inference events consumed, by model and outcome.', labelNames: ['model', 'outcome'] }),
  );
  readonly deadLettered = singleton(
    'driftwatch_aggregator_dead_lettered_total',
    () =>
      new Counter({
        name: 'driftwatch_aggregator_dead_lettered_total',
        help: 'Messages sent to the dead-letter topic (or dropped by policy), by failure code.',
        labelNames: ['code'],
      }),
  );
  readonly flushes = singleton(
    'driftwatch_aggregator_flush_duration_seconds',
    () =>
      new Histogram({
        name: 'driftwatch_aggregator_flush_duration_seconds',
        help: 'Time to write one partition flush (plan, deltas, samples, closes, commit).',
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      }),
  );
  readonly windowsClosed = singleton(
    'driftwatch_aggregator_windows_closed_total',
    () =>
      new Counter({
        name: 'driftwatch_aggregator_windows_closed_total',
        help: 'Window close messages published, by reason.',
        labelNames: ['reason'],
      }),
  );
  readonly openWindows = singleton(
    'driftwatch_aggregator_open_windows',
    () => new Gauge({ name: 'driftwatch_aggregator_open_windows', help: 'Windows open in this process, over all assigned partitions.' }),
  );

  readonly topicResets = singleton(
    'driftwatch_topic_resets_total',
    () =>
      new Counter({
        name: 'driftwatch_topic_resets_total',
        help: 'Partitions whose log was found replaced (topic recreated or broker data wiped): the stale flush plan was retired and the new log counted from its start.',
        labelNames: ['topic'],
      }),
  );

  readonly watermarkDelay = singleton(
    'driftwatch_aggregator_watermark_delay_seconds',
    () =>
      new Gauge({
        name: 'driftwatch_aggregator_watermark_delay_seconds',
        help: "Seconds the partition's event-time watermark (its newest model's) is behind the wall clock, by topic and partition; only partitions with an event.",
        labelNames: ['topic', 'partition'],
      }),
  );

  readonly unknownFeaturesOverflow = singleton(
    'driftwatch_aggregator_unknown_feature_overflow_total',
    () =>
      new Counter({
        name: 'driftwatch_aggregator_unknown_feature_overflow_total',
        help: 'Values of unknown features counted under __other__ because their window already had DRIFTWATCH_MAX_UNKNOWN_FEATURES names.',
      }),
  );

  private readonly models = new ModelLabels(this.events, EVENT_OUTCOMES);

  constructor() {
    // Series start at 0, so the first burst shows in increase()/rate() rather than being its first sample.
    for (const code of DEAD_LETTER_COUNTER_CODES) this.deadLettered.inc({ code }, 0);
  }

  /** Sets the watermark delay of the partitions in `current`; removes those in `gone`. */
  exportWatermarks(nowMs: number, current: readonly { topic: string; partition: number; watermarkMs: number }[], gone: readonly { topic: string; partition: number }[] = []): void {
    for (const p of gone) this.watermarkDelay.remove({ topic: p.topic, partition: String(p.partition) });
    for (const p of current) {
      const labels = { topic: p.topic, partition: String(p.partition) };
      const delay = watermarkDelaySeconds(nowMs, p.watermarkMs);
      if (delay === null) this.watermarkDelay.remove(labels);
      else this.watermarkDelay.set(labels, delay);
    }
  }

  /** The label for a model id: itself while few models are seen, "other" beyond (see ModelLabels). */
  modelLabel(modelId: string | undefined): string {
    return this.models.of(modelId);
  }
}

/** Per-batch tallies, added to the counters once per batch rather than once per event. */
export class OutcomeTally {
  private readonly counts = new Map<string, { model: string; outcome: EventOutcome; n: number }>();

  add(model: string, outcome: EventOutcome): void {
    const key = `${outcome}\u0000${model}`;
    const entry = this.counts.get(key);
    if (entry) entry.n += 1;
    else this.counts.set(key, { model, outcome, n: 1 });
  }

  flushTo(metrics: AggregatorMetrics): void {
    for (const { model, outcome, n } of this.counts.values()) metrics.events.inc({ model, outcome }, n);
    this.counts.clear();
  }
}
