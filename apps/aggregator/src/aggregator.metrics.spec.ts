import { register } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { AggregatorMetrics, MAX_MODEL_LABELS } from './aggregator.metrics';

async function series(name: string): Promise<Record<string, number>> {
  const metric = await register.getSingleMetric(name)!.get();
  return Object.fromEntries(metric.values.map((v) => [Object.values(v.labels).join('/'), v.value]));
}

describe('AggregatorMetrics', () => {
  it('starts every dead-letter code at 0, poison included', async () => {
    new AggregatorMetrics();
    const codes = await series('driftwatch_aggregator_dead_lettered_total');
    for (const code of ['empty-payload', 'payload-too-large', 'malformed', 'unknown-schema', 'incompatible-schema', 'invalid', 'future-timestamp', 'no-baseline', 'poison']) {
      expect(codes[code], code).toBe(0);
    }
  });

  it("starts a model's three outcomes at 0 the first time the model is named, and keeps counts after", async () => {
    const metrics = new AggregatorMetrics();
    expect(metrics.modelLabel('fraud')).toBe('fraud');
    expect(metrics.modelLabel(undefined)).toBe('unknown');
    let events = await series('driftwatch_events_total');
    for (const outcome of ['accepted', 'late', 'invalid']) {
      expect(events[`fraud/${outcome}`]).toBe(0);
      expect(events[`unknown/${outcome}`]).toBe(0);
    }
    metrics.events.inc({ model: 'fraud', outcome: 'invalid' }, 300);
    metrics.modelLabel('fraud');
    events = await series('driftwatch_events_total');
    expect(events['fraud/invalid']).toBe(300);
  });

  it('folds models beyond the label limit into "other", which also starts at 0', async () => {
    const metrics = new AggregatorMetrics();
    for (let i = 0; i < MAX_MODEL_LABELS; i++) metrics.modelLabel(`m${i}`);
    expect(metrics.modelLabel('one-too-many')).toBe('other');
    const events = await series('driftwatch_events_total');
    expect(events['other/accepted']).toBe(0);
    expect(events['one-too-many/accepted']).toBeUndefined();
  });
  it('exports how far each partition\'s watermark is behind the clock, and drops partitions that left or have no event yet', async () => {
    const metrics = new AggregatorMetrics();
    const now = Date.UTC(2026, 11, 3, 12, 0, 0);
    metrics.exportWatermarks(now, [
      { topic: 'events', partition: 0, watermarkMs: now - 42_500 },
      { topic: 'events', partition: 1, watermarkMs: now - 1_000 },
      { topic: 'events', partition: 2, watermarkMs: Number.NEGATIVE_INFINITY },
    ]);
    let delay = await series('driftwatch_aggregator_watermark_delay_seconds');
    expect(delay['events/0']).toBe(42.5);
    expect(delay['events/1']).toBe(1);
    expect(delay['events/2']).toBeUndefined();
    metrics.exportWatermarks(now + 10_000, [{ topic: 'events', partition: 0, watermarkMs: now - 42_500 }], [{ topic: 'events', partition: 1 }]);
    delay = await series('driftwatch_aggregator_watermark_delay_seconds');
    // The clock moved on and no event came: the delay grows.
    expect(delay['events/0']).toBe(52.5);
    expect(delay['events/1']).toBeUndefined();
  });
});
