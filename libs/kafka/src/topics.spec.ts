import { describe, expect, it } from 'vitest';
import { TOPICS, topicNames, topicSpecs } from './topics';

describe('topics', () => {
  it('has the documented default names', () => {
    expect(TOPICS).toEqual({
      events: 'inference-events',
      labels: 'inference-labels',
      windows: 'driftwatch.windows',
      evaluations: 'driftwatch.evaluations',
      incidents: 'driftwatch.incidents',
      dlq: 'driftwatch.dlq',
    });
  });

  it('applies configured names and keeps the partitions and retention of each logical topic', () => {
    const specs = topicSpecs(topicNames({ dlq: 'prod.dlq' }));
    const dlq = specs.find((s) => s.topic === 'prod.dlq');
    expect(dlq?.numPartitions).toBe(1);
    // The DLQ keeps rejected events longer than the 7-day event stream.
    expect(Number(dlq?.config?.['retention.ms'])).toBeGreaterThan(Number(specs.find((s) => s.topic === 'inference-events')?.config?.['retention.ms']));
    expect(specs.map((s) => s.topic)).not.toContain('driftwatch.dlq');
  });

  it('rejects empty names and unknown keys', () => {
    expect(() => topicNames({ events: ' ' })).toThrow(/topic name for "events" is empty/);
    expect(() => topicNames({ nope: 'x' } as never)).toThrow(/unknown topic key "nope"/);
  });
});
