import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { defaultMetric, isPerformanceMetric, isRegressionMetric, metricRule, PERFORMANCE_METRIC_NAMES, resolvePerformanceRule, ruleForMetric } from './metric-rules';

const binary = { task: 'binary' as const, positiveClass: '1', classes: ['0', '1'] };
const multiclass = { task: 'multiclass' as const, positiveClass: null, classes: ['a', 'b', 'c'] };
const regression = { task: 'regression' as const, positiveClass: null, classes: [] };

describe('metric rules', () => {
  it('covers every flat metric name of the contract', () => {
    expect([...PERFORMANCE_METRIC_NAMES].sort()).toEqual(
      ['accuracy', 'precision', 'recall', 'f1', 'macroPrecision', 'macroRecall', 'macroF1', 'rocAuc', 'averagePrecision', 'logLoss', 'brier', 'ece', 'mae', 'rmse', 'mape', 'r2', 'absErrorP50', 'absErrorP90', 'absErrorP99'].sort(),
    );
    expect(isPerformanceMetric('toString')).toBe(false);
    expect(isRegressionMetric('rmse') && !isRegressionMetric('accuracy')).toBe(true);
    expect(() => metricRule('auc')).toThrow(/unknown performance metric "auc"/);
  });

  it('scores are higher-is-better with an absolute 0.05, errors lower-is-better with a relative 0.1; ece absolute', () => {
    for (const m of ['accuracy', 'rocAuc', 'f1', 'r2']) expect(metricRule(m)).toEqual({ direction: 'higher', kind: 'absolute', tolerance: 0.05 });
    for (const m of ['rmse', 'mae', 'mape', 'logLoss', 'brier', 'absErrorP90']) expect(metricRule(m)).toEqual({ direction: 'lower', kind: 'relative', tolerance: 0.1 });
    expect(metricRule('ece')).toEqual({ direction: 'lower', kind: 'absolute', tolerance: 0.05 });
  });

  it('auto: rocAuc for binary scores, accuracy for classes, rmse for regression', () => {
    expect(defaultMetric(binary, true)).toBe('rocAuc');
    expect(defaultMetric(binary, false)).toBe('accuracy');
    expect(defaultMetric(multiclass, true)).toBe('accuracy');
    expect(defaultMetric(regression, false)).toBe('rmse');
  });

  it('critical defaults to twice the tolerance; policy numbers keep the metric’s kind', () => {
    expect(resolvePerformanceRule(DEFAULT_POLICY.performance, regression, false)).toMatchObject({ metric: 'rmse', kind: 'relative', tolerance: 0.1, critical: 0.2 });
    expect(ruleForMetric('accuracy', { tolerance: 0.02, critical: null })).toMatchObject({ kind: 'absolute', tolerance: 0.02, critical: 0.04 });
    expect(ruleForMetric('mae', { tolerance: null, critical: 0.5 })).toMatchObject({ tolerance: 0.1, critical: 0.5 });
  });
});
