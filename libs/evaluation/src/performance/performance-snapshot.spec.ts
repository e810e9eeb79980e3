import { describe, expect, it } from 'vitest';
import { expectClose, lp, performanceCase, performanceFixture } from '../testing/performance-fixture.test-util';
import { computePerformance, PerformanceInputError, readPairs } from './performance-snapshot';
import { inferTask } from './task';

describe(`computePerformance against scikit-learn ${performanceFixture.versions.sklearn}`, () => {
  it.each(performanceFixture.cases.map((c) => [c.name, c] as const))('%s: task inferred, every metric as sklearn', (_, c) => {
    const shape = inferTask(c.rows, 'auto');
    expect(shape).toEqual(c.shape);
    const snapshot = computePerformance(c.rows, shape);
    expect(snapshot).not.toBeNull();
    expect(snapshot?.labelled).toBe(c.rows.filter((r) => r.label !== null).length);
    expect(snapshot?.task).toBe(c.shape.task);
    expect(Object.keys(snapshot?.metrics ?? {}).sort()).toEqual(Object.keys(c.metrics).sort());
    for (const [name, want] of Object.entries(c.metrics)) expectClose(snapshot?.metrics[name], want, `${c.name} ${name}`);
  });
});

describe('computePerformance: reading rows', () => {
  it('null when no row is labelled', () => {
    expect(computePerformance([lp('number', 0.4, null)], { task: 'binary', positiveClass: '1', classes: ['0', '1'] })).toBeNull();
  });

  it('binary score: ≥ 0.5 predicts the positive class; boolean labels read as 0/1', () => {
    const shape = { task: 'binary' as const, positiveClass: '1', classes: ['0', '1'] };
    const s = computePerformance([lp('number', 0.5, true), lp('number', 0.49, false), lp('number', 0.7, 0)], shape);
    expect(s?.metrics.accuracy).toBeCloseTo(2 / 3, 15);
    expect(s?.metrics.precision).toBe(0.5);
  });

  it('a binary map without the positive class uses 1 − the negative', () => {
    const shape = { task: 'binary' as const, positiveClass: 'yes', classes: ['no', 'yes'] };
    const read = readPairs([lp('probabilities', { no: 0.8 }, 'no')], shape);
    expect(read.pairs[0]).toMatchObject({ predicted: 'no' });
    expect(read.pairs[0].score).toBeCloseTo(0.2, 15);
  });

  it('multiclass argmax ties go to the first class in sorted order', () => {
    const shape = { task: 'multiclass' as const, positiveClass: null, classes: ['a', 'b', 'c'] };
    expect(readPairs([lp('probabilities', { c: 0.4, b: 0.4, a: 0.2 }, 'b')], shape).pairs[0].predicted).toBe('b');
  });

  it('class predictions only: probabilistic metrics are null', () => {
    const shape = { task: 'multiclass' as const, positiveClass: null, classes: ['a', 'b', 'c'] };
    const s = computePerformance([lp('class', 'a', 'a'), lp('class', 'b', 'c')], shape);
    expect(s?.metrics).toMatchObject({ accuracy: 0.5, rocAuc: null, logLoss: null, ece: null, brier: null });
  });

  it('a row that does not fit the task is an error naming the event', () => {
    const regression = { task: 'regression' as const, positiveClass: null, classes: [] };
    const bad = lp('number', 1, 'abc');
    expect(() => computePerformance([bad], regression)).toThrow(PerformanceInputError);
    expect(() => computePerformance([bad], regression)).toThrow(bad.eventId);
    expect(() => computePerformance([lp('class', 'x', 1)], regression)).toThrow(/number prediction/);
    expect(() => computePerformance([lp('number', 0.3, 'maybe')], { task: 'binary', positiveClass: '1', classes: ['0', '1'] })).toThrow(/binary classes/);
  });
});
