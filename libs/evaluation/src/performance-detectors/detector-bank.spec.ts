import { DEFAULT_PERFORMANCE_DETECTORS } from './default-detectors';
import { describe, expect, it } from 'vitest';
import type { PerformanceDetectorPolicy } from '../policy/policy.types';
import { DetectorBank, type DetectorBankJSON } from './detector-bank';
import { DetectorConfigError } from './detector-specs';
import { errorPoints } from './simulated-errors.test-util';

const ALL: PerformanceDetectorPolicy[] = [
  { name: 'adwin', params: {}, severity: 'warning' },
  { name: 'ddm', params: {}, severity: 'warning' },
  { name: 'eddm', params: {}, severity: 'warning' },
  { name: 'hddmA', params: {}, severity: 'critical' },
  { name: 'hddmW', params: {}, severity: 'warning' },
  { name: 'kswin', params: {}, severity: 'warning' },
  { name: 'pageHinkley', params: { threshold: 20 }, severity: 'warning' },
];

describe('DetectorBank', () => {
  it('reports a rise of the error rate, with the error before and after it', () => {
    const bank = new DetectorBank([{ name: 'adwin', params: {}, severity: 'critical' }], 'binary');
    const points = errorPoints(3, [
      { source: { kind: 'binary', rate: 0.1 }, length: 2000 },
      { source: { kind: 'binary', rate: 0.5 }, length: 1000 },
    ]);
    const [first] = bank.feed(points);
    expect(first).toMatchObject({ detector: 'adwin', severity: 'critical', params: { delta: 0.002, clock: 32 } });
    expect(first.index).toBeGreaterThan(2000);
    expect(first.eventId).toBe(points[first.index - 1].eventId);
    expect(first.errorBefore).toBeLessThan(0.2);
    expect(first.errorAfter).toBeGreaterThan(0.35);
  });

  it('does not fire when the error goes DOWN (the model got better), though the detector detected it', () => {
    const improving = errorPoints(4, [
      { source: { kind: 'binary', rate: 0.5 }, length: 2000 },
      { source: { kind: 'binary', rate: 0.05 }, length: 3000 },
    ]);
    const entries: PerformanceDetectorPolicy[] = [
      { name: 'adwin', params: {}, severity: 'warning' },
      { name: 'kswin', params: {}, severity: 'warning' },
      { name: 'pageHinkley', params: { mode: 'both', threshold: 20 } as unknown as Record<string, number>, severity: 'warning' },
      { name: 'hddmA', params: { twoSidedTest: 1 }, severity: 'warning' },
    ];
    for (const entry of entries) {
      const bank = new DetectorBank([entry], 'binary');
      const after = bank.feed(improving).filter((f) => f.index > 2000);
      expect(bank.counts()[0].detections, entry.name).toBeGreaterThan(0);
      expect(after, entry.name).toEqual([]);
    }
  });

  it('skips the binary detectors on regression, with the reason', () => {
    const bank = new DetectorBank(ALL, 'regression');
    expect(bank.skipped.map((s) => s.detector)).toEqual(['ddm', 'eddm', 'hddmA', 'hddmW']);
    expect(bank.skipped[0].reason).toMatch(/0\/1 errors/);
    expect(bank.counts().map((c) => c.detector)).toEqual(['adwin', 'kswin', 'pageHinkley']);
  });

  it('runs a detector only on the tasks its policy entry names (the default ADWIN: classification only)', () => {
    expect(new DetectorBank(DEFAULT_PERFORMANCE_DETECTORS, 'binary').counts().map((c) => c.detector)).toEqual(['adwin']);
    expect(new DetectorBank(DEFAULT_PERFORMANCE_DETECTORS, 'multiclass').counts().map((c) => c.detector)).toEqual(['adwin']);
    const regression = new DetectorBank(DEFAULT_PERFORMANCE_DETECTORS, 'regression');
    expect(regression.counts()).toEqual([]);
    expect(regression.skipped).toEqual([{ detector: 'adwin', reason: 'the policy runs it on binary, multiclass models only' }]);
  });

  it.each(['binary', 'regression'] as const)('resumes from toJSON as if never stopped (%s)', (task) => {
    const source = task === 'binary' ? ({ kind: 'binary', rate: 0.2 } as const) : ({ kind: 'absNormal', scale: 1 } as const);
    const changed = task === 'binary' ? ({ kind: 'binary', rate: 0.45 } as const) : ({ kind: 'absNormal', scale: 2 } as const);
    const points = errorPoints(5, [
      { source, length: 2500 },
      { source: changed, length: 2500 },
      { source, length: 2500 },
      { source: changed, length: 2500 },
    ]);
    const whole = new DetectorBank(ALL, task).feed(points);
    expect(whole.length).toBeGreaterThan(task === 'binary' ? 7 : 3);

    for (const cut of [1, 2999, 5003]) {
      const first = new DetectorBank(ALL, task);
      const before = first.feed(points.slice(0, cut));
      const json = JSON.parse(JSON.stringify(first.toJSON())) as DetectorBankJSON;
      const resumed = DetectorBank.fromJSON(json, ALL);
      expect(resumed.restarted).toEqual([]);
      // The replay of what was already fed is ignored (the cursor).
      const after = resumed.feed(points);
      expect([...before, ...after]).toEqual(whole);
    }
  });

  it('starts fresh the detectors whose parameters changed, and says so', () => {
    const points = errorPoints(6, [{ source: { kind: 'binary', rate: 0.2 }, length: 1000 }]);
    const bank = new DetectorBank(ALL, 'binary');
    bank.feed(points);
    const changed = ALL.map((d) => (d.name === 'ddm' ? { ...d, params: { driftThreshold: 4 } } : d.name === 'hddmA' ? { ...d, severity: 'warning' as const } : d));
    const resumed = DetectorBank.fromJSON(bank.toJSON(), [...changed, { name: 'adwin', params: { delta: 1e-5 }, severity: 'warning' }]);
    expect(resumed.restarted.map((r) => r.detector)).toEqual(['ddm', 'adwin']);
    expect(resumed.restarted[0].reason).toMatch(/parameters changed/);
    const seen = Object.fromEntries(resumed.counts().map((c, i) => [`${c.detector}${i}`, c.seen]));
    expect(seen).toEqual({ adwin0: 1000, ddm1: 0, eddm2: 1000, hddmA3: 1000, hddmW4: 1000, kswin5: 1000, pageHinkley6: 1000, adwin7: 0 });

    const otherTask = DetectorBank.fromJSON(bank.toJSON(), ALL, 'multiclass');
    expect(otherTask.restarted).toHaveLength(ALL.length);
    expect(otherTask.restarted[0].reason).toMatch(/task changed/);
  });

  it('names the detector and the parameter it does not know', () => {
    expect(() => new DetectorBank([{ name: 'adwin', params: { delt: 0.01 }, severity: 'warning' }], 'binary')).toThrow(DetectorConfigError);
    expect(() => new DetectorBank([{ name: 'adwin', params: { delt: 0.01 }, severity: 'warning' }], 'binary')).toThrow(
      'performance detector adwin (river.drift.ADWIN): unknown parameter "delt" (known: delta, clock, maxBuckets, minWindowLength, gracePeriod)',
    );
    expect(() => new DetectorBank([{ name: 'ddm', params: { min_num_instances: 30 }, severity: 'warning' }], 'binary')).toThrow(/ddm .*unknown parameter "min_num_instances"/);
    expect(() => new DetectorBank([{ name: 'nope' as 'adwin', params: {}, severity: 'warning' }], 'binary')).toThrow(/unknown performance detector "nope"/);
    expect(() => new DetectorBank([{ name: 'kswin', params: { statSize: 200 }, severity: 'warning' }], 'binary')).toThrow(/kswin: KSWIN: stat_size/);
  });
});
