import { describe, expect, it } from 'vitest';
import { FeatureAccumulator } from './feature-accumulator';
import { PartitionIngest, type ReplayPlan } from './partition-ingest';

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
const open = (start: number) => ({ modelId: 'm', modelVersion: '1', start, end: start + 60_000 });
const plan: ReplayPlan = {
  fromOffset: '100',
  toOffset: '149',
  before: { maxEventTime: T0 + 30_000, open: [open(T0)], models: [{ modelId: 'm', maxEventTime: T0 + 30_000, lastOffset: '99' }] },
  after: { maxEventTime: T0 + 90_000, open: [open(T0 + 60_000)], models: [{ modelId: 'm', maxEventTime: T0 + 90_000, lastOffset: '149' }] },
};
const options = {
  windowSizeMs: () => 60_000,
  outOfOrdernessMs: 0,
  graceMs: 0,
  idleCloseMs: 60_000,
  createAccumulator: () => new FeatureAccumulator(null),
};

describe('PartitionIngest', () => {
  it('replays an uncommitted plan: skips what came before it, restores its "before" state, ends exactly at its last offset', () => {
    const p = new PartitionIngest('t', 0, 1, plan, options, 0);
    expect(p.admit(90n, 0)).toBe('skip');
    expect(p.replaying).toBe(true);
    expect(p.windows.snapshot()).toEqual(plan.before);
    expect(p.admit(100n, 0)).toBe('route');
    expect(p.isReplayed(100n)).toBe(true);
    expect(p.endsReplay(148n)).toBe(false);
    expect(p.endsReplay(149n)).toBe(true);
    expect(p.admit(150n, 0)).toBe('flush-first');
    p.replayDone();
    expect(p.replaying).toBe(false);
    expect(p.isReplayed(120n)).toBe(false);
    expect(p.admit(151n, 0)).toBe('route');
  });

  it('continues from the "after" state when the plan was committed', () => {
    const p = new PartitionIngest('t', 0, 1, plan, options, 0);
    expect(p.windows.snapshot()).toEqual(plan.after);
    expect(p.admit(150n, 0)).toBe('route');
    expect(p.replaying).toBe(false);
    expect(p.windows.snapshot()).toEqual(plan.after);
  });

  it('reports an offset that goes back as a replaced log, in every phase', () => {
    const live = new PartitionIngest('t', 0, 1, plan, options, 0);
    expect(live.admit(150n, 0)).toBe('route');
    expect(live.admit(151n, 0)).toBe('route');
    expect(live.admit(0n, 0)).toBe('regressed');
    expect(live.admit(151n, 0)).toBe('regressed');
    const replaying = new PartitionIngest('t', 0, 1, plan, options, 0);
    expect(replaying.admit(120n, 0)).toBe('route');
    expect(replaying.admit(3n, 0)).toBe('regressed');
  });

  it('starts fresh without a plan, and bounds samples per window', () => {
    const p = new PartitionIngest('t', 0, 1, null, options, 0);
    expect(p.admit(0n, 0)).toBe('route');
    expect([1, 2, 3].map(() => p.takeSample(open(T0), 2))).toEqual([true, true, false]);
    expect(p.takeSample(open(T0 + 60_000), 2)).toBe(true);
    p.forgetClosed([open(T0)]);
    expect(p.takeSample(open(T0), 2)).toBe(true);
  });

  it('replays a plan saved when the partition had one clock: the open windows\' model keeps it', () => {
    const legacy: ReplayPlan = { ...plan, before: { maxEventTime: T0 + 30_000, open: [open(T0)] }, after: { maxEventTime: T0 + 90_000, open: [open(T0 + 60_000)] } };
    const p = new PartitionIngest('t', 0, 1, legacy, options, 0);
    expect(p.admit(100n, 0)).toBe('route');
    expect(p.windows.snapshot()).toEqual({ ...legacy.before, models: [{ modelId: 'm', maxEventTime: T0 + 30_000, lastOffset: null }] });
    expect(p.windows.watermarkOf('m')).toBe(T0 + 30_000);
  });
});
