// The Monitor with no broker listening: what a model service sees during a broker outage.
import { describe, expect, it } from 'vitest';
import { Monitor } from './monitor';
import type { MonitorOptions } from './monitor-options';

const offline = (o: Partial<MonitorOptions> = {}) =>
  new Monitor({ modelId: 'm', modelVersion: '1', brokers: '127.0.0.1:1', closeOnExit: false, kafka: { retry: { retries: 0 }, connectionTimeout: 200 }, ...o });

describe('Monitor without a broker', () => {
  it('keeps at most maxQueue messages, drops and counts the rest, and never waits', async () => {
    const m = offline({ maxQueue: 50, lingerMs: 60_000, batchSize: 1_000 });
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) m.log({ x: i }, 0.5);
    const perCall = (performance.now() - t0) / 1000;
    expect(m.stats()).toMatchObject({ queued: 50, dropped: 950, inQueue: 50 });
    // Generous for a shared machine; sending synchronously would take far longer.
    expect(perCall).toBeLessThan(2);
    await m.close(0);
  });

  it('counts a batch the broker never took as failed and reports it', async () => {
    const errors: number[] = [];
    const m = offline({ lingerMs: 0, onError: (_e, { messages }) => errors.push(messages) });
    m.log({ x: 1 });
    m.logLabel('e', 1);
    await m.flush(20_000);
    expect(m.stats()).toMatchObject({ queued: 2, failed: 2, delivered: 0, inQueue: 0 });
    expect(errors).toEqual([2]);
    await m.close(0);
  });

  it('close is bounded by its timeout and later messages are dropped', async () => {
    const m = offline({ lingerMs: 0, kafka: { retry: { retries: 5, initialRetryTime: 1000 }, connectionTimeout: 200 } });
    m.log({ x: 1 });
    const t0 = Date.now();
    await m.close(500);
    expect(Date.now() - t0).toBeLessThan(5_000);
    m.log({ x: 2 });
    expect(m.stats().dropped).toBeGreaterThanOrEqual(1);
  });

  it('counts invalid input, or throws it when strict', async () => {
    const m = offline();
    const id = m.log({ x: [1] as unknown as number });
    expect(typeof id).toBe('string');
    m.logLabel(id, null as unknown as number);
    expect(m.stats()).toMatchObject({ invalid: 2, queued: 0 });
    await m.close(0);
    const strict = offline({ strict: true });
    expect(() => strict.log({ x: 1 }, 0.5, { timestamp: 1_700_000_000 })).toThrow(/epoch seconds/);
    expect(() => strict.log({ __proto__x: 1, constructor: 1 })).toThrow(/constructor/);
    await strict.close(0);
  });

  it('names bad options', () => {
    expect(() => offline({ format: 'xml' as 'json' })).toThrow(/format/);
    expect(() => offline({ sampleRate: 0 })).toThrow(/sampleRate/);
    expect(() => offline({ modelVersion: '' })).toThrow(/modelVersion/);
    expect(() => offline({ brokers: '' })).toThrow(/brokers/);
  });

  it('samples events by id and sends a label only with its event', async () => {
    const m = offline({ sampleRate: 0.5, lingerMs: 60_000, batchSize: 10_000 });
    const ids = Array.from({ length: 400 }, () => m.log({ x: 1 }));
    for (const id of ids) m.logLabel(id, 1);
    const s = m.stats();
    expect(s.queued + s.sampledOut).toBe(800);
    expect(s.queued % 2).toBe(0);
    expect(s.queued).toBeGreaterThan(300);
    expect(s.queued).toBeLessThan(500);
    await m.close(0);
  });
});
