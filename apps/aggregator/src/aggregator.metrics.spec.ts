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
});
