import { describe, expect, it } from 'vitest';
import { PartitionWindows, windowId, type PartitionFlush, type WindowKey } from './partition-windows';

interface Counter {
  values: number[];
}

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);

function windows(overrides: Partial<{ outOfOrdernessMs: number; graceMs: number; idleCloseMs: number; modelExpiryMs: number; maxModels: number }> = {}) {
  return new PartitionWindows<Counter>(3, {
    windowSizeMs: () => MIN,
    outOfOrdernessMs: overrides.outOfOrdernessMs ?? 5_000,
    graceMs: overrides.graceMs ?? 10_000,
    idleCloseMs: overrides.idleCloseMs ?? 300_000,
    modelExpiryMs: overrides.modelExpiryMs,
    maxModels: overrides.maxModels,
    createAccumulator: () => ({ values: [] }),
  });
}

let offset = 0;
function add(w: PartitionWindows<Counter>, timestamp: number, value: number, now = 0, modelId = 'm') {
  return w.add({ modelId, modelVersion: '1', timestamp }, String(offset++), now, (a) => a.values.push(value));
}

const starts = (f: PartitionFlush<Counter>) => f.deltas.map((d) => d.key.start).sort((a, b) => a - b);

describe('PartitionWindows', () => {
  it('routes events to epoch-aligned tumbling windows and flushes them as deltas with the offsets covered', () => {
    offset = 100;
    const w = windows();
    add(w, T0 + 1_000, 1);
    add(w, T0 + 59_999, 2);
    add(w, T0 + 60_000, 3);
    const flush = w.takeFlush(0)!;
    expect(flush.partition).toBe(3);
    expect(flush.offsets).toEqual({ from: '100', to: '102' });
    expect(starts(flush)).toEqual([T0, T0 + MIN]);
    const first = flush.deltas.find((d) => d.key.start === T0)!;
    expect(first.accumulator.values).toEqual([1, 2]);
    expect(first).toMatchObject({ events: 2, late: 0, minEventTime: T0 + 1_000, maxEventTime: T0 + 59_999 });
    expect(first.key.end).toBe(T0 + MIN);
    expect(flush.closed).toEqual([]);
  });

  it('keeps out-of-order events within the bound in their window and closes it once the watermark passes end + grace', () => {
    const w = windows({ outOfOrdernessMs: 5_000, graceMs: 10_000 });
    add(w, T0 + 30_000, 1);
    add(w, T0 + 70_000, 2); // watermark 65 s: window [0, 60) not closed before 70 s
    add(w, T0 + 20_000, 3); // out of order, still on time
    expect(w.takeFlush(0)!.closed).toEqual([]);
    add(w, T0 + 74_999, 4); // watermark 69.999 s
    expect(w.takeFlush(0)!.closed).toEqual([]);
    add(w, T0 + 75_000, 5); // watermark 70 s = end + grace
    const flush = w.takeFlush(0)!;
    expect(flush.closed).toEqual([{ key: { modelId: 'm', modelVersion: '1', start: T0, end: T0 + MIN }, reason: 'watermark' }]);
    expect(w.openWindowCount).toBe(1);
  });

  it('counts an event for a closed window as late, still adds it, and announces a late update', () => {
    const w = windows({ outOfOrdernessMs: 0, graceMs: 0 });
    add(w, T0 + 1_000, 1);
    add(w, T0 + 61_000, 2);
    w.takeFlush(0);
    expect(add(w, T0 + 2_000, 7)).toBe('late');
    const flush = w.takeFlush(0)!;
    const late = flush.deltas.find((d) => d.key.start === T0)!;
    expect(late).toMatchObject({ events: 1, late: 1 });
    expect(late.accumulator.values).toEqual([7]);
    expect(flush.closed).toEqual([{ key: { modelId: 'm', modelVersion: '1', start: T0, end: T0 + MIN }, reason: 'late-update' }]);
    expect(w.takeFlush(0)).toBeNull();
  });

  it('closes quiet windows on processing time and treats later events for them as late', () => {
    const w = windows({ idleCloseMs: 120_000 });
    add(w, T0 + 1_000, 1, T0 + 1_000);
    expect(w.takeFlush(T0 + 2_000)!.closed).toEqual([]);
    expect(w.takeFlush(T0 + 60_000)).toBeNull();
    const idle = w.takeFlush(T0 + 121_000)!;
    expect(idle.offsets).toBeNull();
    expect(idle.deltas).toEqual([]);
    expect(idle.closed.map((c) => c.reason)).toEqual(['idle']);
    expect(add(w, T0 + 59_000, 2, T0 + 122_000)).toBe('late');
  });

  it('does not close a quiet window before the clock has passed its end plus grace', () => {
    // Live traffic with a pause inside the minute: closing early would make the rest late.
    const w = windows({ idleCloseMs: 20_000, graceMs: 10_000 });
    add(w, T0 + 5_000, 1, T0 + 5_000);
    w.takeFlush(T0 + 6_000);
    expect(w.takeFlush(T0 + 40_000)).toBeNull();
    expect(add(w, T0 + 45_000, 2, T0 + 45_000)).toBe('accepted');
    expect(w.takeFlush(T0 + 69_999)!.closed).toEqual([]);
    expect(w.takeFlush(T0 + 70_000)!.closed).toEqual([{ key: { modelId: 'm', modelVersion: '1', start: T0, end: T0 + MIN }, reason: 'idle' }]);
  });

  it('hands apply the key of the window it assigned, the same one the flush reports', () => {
    const w = new PartitionWindows<Counter>(3, {
      windowSizeMs: (modelId) => (modelId === 'hourly' ? 60 * MIN : MIN),
      outOfOrdernessMs: 0,
      graceMs: 0,
      idleCloseMs: 300_000,
      createAccumulator: () => ({ values: [] }),
    });
    const keys: WindowKey[] = [];
    w.add({ modelId: 'hourly', modelVersion: '2', timestamp: T0 + 61 * MIN }, '0', 0, (_a, key) => void keys.push(key));
    w.add({ modelId: 'm', modelVersion: '1', timestamp: T0 + 61 * MIN }, '1', 0, (_a, key) => void keys.push(key));
    expect(keys).toEqual([
      { modelId: 'hourly', modelVersion: '2', start: T0 + 60 * MIN, end: T0 + 120 * MIN },
      { modelId: 'm', modelVersion: '1', start: T0 + 61 * MIN, end: T0 + 62 * MIN },
    ]);
    expect(w.takeFlush(0)!.deltas.map((d) => d.key)).toEqual(keys);
  });

  it('names a window by model, version and start', () => {
    expect(windowId({ modelId: 'm', modelVersion: '1', start: T0 })).toBe(`m\u00001\u0000${T0}`);
    expect(windowId({ modelId: 'm', modelVersion: '1', start: T0 })).not.toBe(windowId({ modelId: 'm', modelVersion: '10', start: T0 }));
  });

  it('keeps windows of different models apart', () => {
    const w = windows();
    add(w, T0, 1, 0, 'a');
    add(w, T0, 2, 0, 'b');
    const flush = w.takeFlush(0)!;
    expect(flush.deltas.map((d) => [d.key.modelId, d.accumulator.values])).toEqual([
      ['a', [1]],
      ['b', [2]],
    ]);
  });

  it('moves offsets for skipped messages so they are committed too', () => {
    offset = 10;
    const w = windows();
    w.skip('9');
    add(w, T0, 1);
    expect(w.takeFlush(0)!.offsets).toEqual({ from: '9', to: '10' });
  });

  it('holds memory proportional to open windows, not events', () => {
    const w = windows();
    for (let i = 0; i < 10_000; i++) add(w, T0 + (i % 60) * 1_000, i);
    const flush = w.takeFlush(0)!;
    expect(flush.deltas).toHaveLength(1);
    expect(flush.deltas[0].events).toBe(10_000);
    expect(w.takeFlush(0)).toBeNull();
  });
});

describe('PartitionWindows snapshots', () => {
  function run(w: PartitionWindows<Counter>, events: [number, number][], firstOffset: number) {
    return events.map(([ts, v], i) => w.add({ modelId: 'm', modelVersion: '1', timestamp: ts }, String(firstOffset + i), 0, (a) => a.values.push(v)));
  }

  it('records the state before and after each flush, and a restored state replays a range identically', () => {
    const original = windows({ outOfOrdernessMs: 0, graceMs: 0 });
    run(original, [[T0 + 1_000, 1], [T0 + 61_000, 2]], 0);
    const first = original.takeFlush(0)!;
    expect(first.before).toEqual({ maxEventTime: null, open: [], models: [] });
    expect(first.after.models).toEqual([{ modelId: 'm', maxEventTime: T0 + 61_000, lastOffset: '1' }]);
    expect(first.after.maxEventTime).toBe(T0 + 61_000);
    expect(first.after.open.map((k) => k.start)).toEqual([T0 + MIN]);

    const range: [number, number][] = [[T0 + 2_000, 3], [T0 + 62_000, 4], [T0 + 125_000, 5]];
    const outcomes = run(original, range, 2);
    const second = original.takeFlush(0)!;
    expect(second.before).toEqual(first.after);
    expect(outcomes).toEqual(['late', 'accepted', 'accepted']);

    // A fresh instance (a restarted consumer) given the saved "before" state produces the same flush.
    const replay = windows({ outOfOrdernessMs: 0, graceMs: 0 });
    replay.restore(second.before, 0);
    expect(run(replay, range, 2)).toEqual(outcomes);
    const again = replay.takeFlush(0)!;
    expect(again.offsets).toEqual(second.offsets);
    expect(again.closed).toEqual(second.closed);
    expect(again.deltas.map((d) => [d.key.start, d.events, d.late, d.accumulator.values])).toEqual(
      second.deltas.map((d) => [d.key.start, d.events, d.late, d.accumulator.values]),
    );
    expect(again.after).toEqual(second.after);
  });

  it('closes restored open windows when they stay quiet, counting the quiet time from the restore', () => {
    const w = windows({ idleCloseMs: 1_000 });
    const restoredAt = T0 + 2 * MIN;
    w.restore({ maxEventTime: T0 + 10_000, open: [{ modelId: 'm', modelVersion: '1', start: T0, end: T0 + MIN }] }, restoredAt);
    expect(w.takeFlush(restoredAt + 500)).toBeNull();
    expect(w.takeFlush(restoredAt + 1_000)!.closed).toEqual([{ key: { modelId: 'm', modelVersion: '1', start: T0, end: T0 + MIN }, reason: 'idle' }]);
  });

  it('refuses to restore over pending data and rejects offsets that go backwards', () => {
    const w = windows();
    w.skip('5');
    expect(() => w.restore({ maxEventTime: null, open: [] }, 0)).toThrow(/pending/);
    expect(() => w.skip('5')).toThrow(/not after/);
  });

  it('tells since when data is pending', () => {
    const w = windows();
    expect(w.pendingSince).toBeNull();
    w.skip('1', 1_234);
    w.skip('2', 2_000);
    expect(w.pendingSince).toBe(1_234);
    w.takeFlush(3_000);
    expect(w.pendingSince).toBeNull();
  });

  describe('one watermark per model', () => {
    const HOUR = 60 * MIN;
    const key = (modelId: string, start: number) => ({ modelId, modelVersion: '1', start, end: start + MIN });

    it('does not count a model late because another model of the partition runs hours ahead', () => {
      const w = windows();
      // "demo" at real time, then a compressed run of "fast" five hours ahead in the same partition.
      expect(add(w, T0 + 1_000, 1, 0, 'demo')).toBe('accepted');
      expect(add(w, T0 + 5 * HOUR, 2, 0, 'fast')).toBe('accepted');
      expect(add(w, T0 + 5 * HOUR + 2 * MIN, 3, 0, 'fast')).toBe('accepted');
      // demo's next events are on time for demo's own clock; the partition-wide one would call them late.
      expect(add(w, T0 + 30_000, 4, 0, 'demo')).toBe('accepted');
      expect(add(w, T0 + 61_000, 5, 0, 'demo')).toBe('accepted');
      expect(w.watermarkOf('demo')).toBe(T0 + 61_000 - 5_000);
      expect(w.watermarkOf('fast')).toBe(T0 + 5 * HOUR + 2 * MIN - 5_000);

      // fast's first window closes on fast's clock; demo's window [T0, T0+1m) stays open.
      const f1 = w.takeFlush(0)!;
      expect(f1.closed).toEqual([{ key: key('fast', T0 + 5 * HOUR), reason: 'watermark' }]);
      expect(f1.deltas.filter((d) => d.key.modelId === 'demo').map((d) => [d.key.start, d.events, d.late])).toEqual([
        [T0, 2, 0],
        [T0 + MIN, 1, 0],
      ]);

      // demo's window closes once demo's own watermark passes end + grace (60 s + 10 s + 5 s bound).
      add(w, T0 + 74_999, 6, 0, 'demo');
      expect(w.takeFlush(0)!.closed).toEqual([]);
      add(w, T0 + 75_000, 7, 0, 'demo');
      expect(w.takeFlush(0)!.closed).toEqual([{ key: key('demo', T0), reason: 'watermark' }]);
      // ... and after that close, demo's own stragglers are late.
      expect(add(w, T0 + 59_000, 8, 0, 'demo')).toBe('late');
    });

    it('closes a quiet model by idleness while another model of the partition keeps sending', () => {
      const w = windows({ idleCloseMs: 1_000 });
      const now = T0 + 10 * MIN;
      add(w, T0 + 1_000, 1, now, 'quiet');
      for (let i = 1; i <= 5; i++) add(w, T0 + 5 * MIN + i, i, now + i * 500, 'busy');
      // quiet has been silent 2.5 s of processing time: its ended window closes; busy's stays.
      const f = w.takeFlush(now + 2_500)!;
      expect(f.closed).toEqual([{ key: key('quiet', T0), reason: 'idle' }]);
      expect(add(w, T0 + 2_000, 9, now + 2_600, 'quiet')).toBe('late');
    });

    it('replays a range with two models exactly from the saved before state', () => {
      const first = windows({ outOfOrdernessMs: 0, graceMs: 0 });
      add(first, T0 + 1_000, 1, 0, 'a');
      add(first, T0 + 3 * HOUR, 2, 0, 'b');
      add(first, T0 + 3 * HOUR + 2 * MIN, 2, 0, 'b');
      const f0 = first.takeFlush(0)!;
      expect(f0.closed.map((c) => c.key.modelId)).toEqual(['b']);
      const range = (w: PartitionWindows<Counter>) => [
        w.add({ modelId: 'a', modelVersion: '1', timestamp: T0 + 2_000 }, '10', 0, (x) => x.values.push(3)),
        w.add({ modelId: 'b', modelVersion: '1', timestamp: T0 + 3 * HOUR + 2 * MIN + 1_000 }, '11', 0, (x) => x.values.push(4)),
        w.add({ modelId: 'b', modelVersion: '1', timestamp: T0 + 3 * HOUR + 1 }, '12', 0, (x) => x.values.push(5)),
      ];
      const outcomes = range(first);
      expect(outcomes).toEqual(['accepted', 'accepted', 'late']);
      const f1 = first.takeFlush(0)!;
      expect(f1.before).toEqual(f0.after);

      const replay = windows({ outOfOrdernessMs: 0, graceMs: 0 });
      replay.restore(f1.before, 0);
      expect(range(replay)).toEqual(outcomes);
      const again = replay.takeFlush(0)!;
      expect(again.closed).toEqual(f1.closed);
      expect(again.after).toEqual(f1.after);
    });

    it('restores a snapshot saved before clocks were per model: models with open windows keep the partition clock', () => {
      const w = windows({ outOfOrdernessMs: 0, graceMs: 0 });
      w.restore({ maxEventTime: T0 + 2 * MIN, open: [key('old', T0 + 2 * MIN)] }, 0);
      expect(w.watermarkOf('old')).toBe(T0 + 2 * MIN);
      expect(add(w, T0 + 1_000, 1, 0, 'old')).toBe('late');
      // A model not in the snapshot starts its own clock.
      expect(add(w, T0 + 1_000, 2, 0, 'new')).toBe('accepted');
    });

    it('forgets the clock of a model quiet past the expiry once it has no open window', () => {
      const w = windows({ idleCloseMs: 1_000, modelExpiryMs: 5_000 });
      const now = T0 + 10 * MIN;
      add(w, T0 + 1_000, 1, now, 'gone');
      w.takeFlush(now + 1_000); // idle close of its window
      expect(w.modelCount).toBe(1);
      w.takeFlush(now + 4_999);
      expect(w.modelCount).toBe(1);
      w.skip(String(offset++), now + 5_000);
      const f = w.takeFlush(now + 5_000)!;
      expect(w.modelCount).toBe(0);
      expect(f.after.models).toEqual([]);
    });

    it('caps the clocks per partition: the model whose last event is oldest is evicted and its open windows closed, not lost', () => {
      const w = windows({ maxModels: 2 });
      add(w, T0 + 1_000, 1, 0, 'a');
      add(w, T0 + 1_000, 2, 0, 'b');
      add(w, T0 + 2_000, 3, 0, 'a'); // b is now the least recently seen
      add(w, T0 + 1_000, 4, 0, 'c');
      expect(w.modelCount).toBe(2);
      expect(w.watermarkOf('b')).toBe(Number.NEGATIVE_INFINITY);
      const f = w.takeFlush(0)!;
      expect(f.closed).toEqual([{ key: key('b', T0), reason: 'idle' }]);
      // b's pending delta is flushed with its close.
      expect(f.deltas.find((d) => d.key.modelId === 'b')).toMatchObject({ events: 1, accumulator: { values: [2] } });
      expect(f.after.open.map((k) => k.modelId).sort()).toEqual(['a', 'c']);
    });
  });
  it("reports the partition's newest model watermark: max event time minus the out-of-orderness bound, not held back by a quiet model", () => {
    const w = windows({ outOfOrdernessMs: 5_000 });
    expect(w.newestWatermark).toBe(Number.NEGATIVE_INFINITY);
    add(w, T0 + 10_000, 1, 0, 'quiet');
    add(w, T0 + 70_000, 1, 0, 'busy');
    add(w, T0 + 40_000, 1, 0, 'busy');
    expect(w.newestWatermark).toBe(T0 + 65_000);
    expect(w.watermarkOf('quiet')).toBe(T0 + 5_000);
  });
});
