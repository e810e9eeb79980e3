import { describe, expect, it } from 'vitest';
import { expectClose, lp, performanceCase, performanceFixture } from '../testing/performance-fixture.test-util';
import { bootstrapInterval, delongAuc, metricInterval, wilsonInterval } from './metric-interval';
import { normalQuantile } from './normal-quantile.util';
import { readPairs } from './performance-snapshot';
import { inferTask } from './task';

const fx = performanceFixture;

describe('normalQuantile against scipy.stats.norm.ppf', () => {
  it.each(fx.normalQuantile.map((q) => [q.p, q.z] as const))('p = %s', (p, z) => expectClose(normalQuantile(p), z, `ppf(${p})`, 1e-14));
  it('rejects p outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('wilsonInterval against scipy binomtest(...).proportion_ci(method="wilson")', () => {
  it.each(fx.wilson.map((w) => [`${w.k}/${w.n} at ${w.confidence}`, w] as const))('%s', (_, w) => {
    const got = wilsonInterval(w.k, w.n, normalQuantile(1 - (1 - w.confidence) / 2));
    expectClose(got?.low, w.low, 'low', 1e-12);
    expectClose(got?.high, w.high, 'high', 1e-12);
  });
  it('is undefined without trials', () => expect(wilsonInterval(0, 0, 2.58)).toBeNull());
});

describe('delongAuc against the O(m·n) placement definition', () => {
  it.each(fx.delong.map((d, i) => [i, d] as const))('case %s (tied scores)', (_, d) => {
    const got = delongAuc(d.isPositive, d.scores);
    expectClose(got?.auc, d.auc, 'auc', 1e-12);
    expectClose(got?.variance, d.variance, 'variance', 1e-10);
  });
  it('needs two positives and two negatives', () => {
    expect(delongAuc([true, false, false], [0.9, 0.1, 0.2])).toBeNull();
  });
});

describe(`metricInterval on the fixture windows at confidence ${fx.confidence}`, () => {
  const exact: [string, string, string][] = [
    ['binary score', 'accuracy', 'wilson'],
    ['binary score', 'precision', 'wilson'],
    ['binary score', 'recall', 'wilson'],
    ['binary score', 'rocAuc', 'delong'],
    ['binary score', 'logLoss', 'normal'],
    ['binary score', 'brier', 'normal'],
    ['probability map multiclass', 'accuracy', 'wilson'],
    ['probability map multiclass', 'logLoss', 'normal'],
    ['class only binary', 'accuracy', 'wilson'],
    ['regression', 'mae', 'normal'],
    ['regression', 'mape', 'normal'],
    ['regression', 'rmse', 'normal'],
  ];
  it.each(exact)('%s %s (%s)', (name, metric, method) => {
    const c = performanceCase(name);
    const shape = inferTask(c.rows, 'auto');
    const got = metricInterval(readPairs(c.rows, shape), shape, metric, fx.confidence);
    expect(got?.method).toBe(method);
    expect(got?.confidence).toBe(fx.confidence);
    expectClose(got?.low, c.intervals[metric].low, `${metric} low`, 1e-9);
    expectClose(got?.high, c.intervals[metric].high, `${metric} high`, 1e-9);
  });

  // Different generators and 1000 vs 20000 resamples: the percentiles agree to about a tenth of the width.
  it.each([
    ['binary score', 'f1'],
    ['regression', 'r2'],
  ])('%s %s (bootstrap) is close to numpy’s, and the same on every call', (name, metric) => {
    const c = performanceCase(name);
    const shape = inferTask(c.rows, 'auto');
    const read = readPairs(c.rows, shape);
    const got = metricInterval(read, shape, metric, fx.confidence);
    const want = c.intervals[metric];
    const width = want.high - want.low;
    expect(got?.method).toBe('bootstrap');
    expect(Math.abs((got?.low ?? 0) - want.low)).toBeLessThan(0.15 * width);
    expect(Math.abs((got?.high ?? 0) - want.high)).toBeLessThan(0.15 * width);
    expect(bootstrapInterval(read, shape, metric, fx.confidence)).toEqual(got);
  });

  it('is null where the metric or its interval is undefined', () => {
    const shape = { task: 'binary' as const, positiveClass: '1', classes: ['0', '1'] };
    const rows = [lp('number', 0.9, 1), lp('number', 0.2, 0), lp('number', 0.3, 0)];
    expect(metricInterval(readPairs(rows, shape), shape, 'rocAuc', 0.99)).toBeNull();
    expect(metricInterval(readPairs([], shape), shape, 'accuracy', 0.99)).toBeNull();
    expect(() => metricInterval(readPairs(rows, shape), shape, 'accuracy', 1)).toThrow(RangeError);
  });

  it('a wider confidence gives a wider interval', () => {
    const c = performanceCase('binary score');
    const shape = inferTask(c.rows, 'auto');
    const read = readPairs(c.rows, shape);
    const narrow = metricInterval(read, shape, 'rocAuc', 0.9);
    const wide = metricInterval(read, shape, 'rocAuc', 0.999);
    expect((wide?.high ?? 0) - (wide?.low ?? 0)).toBeGreaterThan((narrow?.high ?? 0) - (narrow?.low ?? 0));
  });
});
