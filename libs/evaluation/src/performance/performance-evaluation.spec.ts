import type { LabelledPrediction, PerformanceSnapshot } from '@driftwatch/contracts';
import { validateEvaluation } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';
import { evaluationId } from '../evaluate/evaluation-id';
import { mergePolicy } from '../policy/merge-policy';
import { lp } from '../testing/performance-fixture.test-util';
import { judgePerformance } from './judge-performance';
import { performanceEvaluation, performanceFinding } from './performance-evaluation';
import type { PerformanceJudgeInput } from './performance.types';

const baseline: PerformanceSnapshot = { task: 'binary', positiveClass: 'yes', classes: ['no', 'yes'], labelled: 10_000, metrics: { accuracy: 0.9 } };
const policy = mergePolicy({ performance: { minLabelled: 100, minCoverage: 0.2, confidence: 0.99 }, alerting: { openAfter: 2 } });

function rows(labelled: number, right: number, unlabelled = 0): LabelledPrediction[] {
  return [
    ...Array.from({ length: labelled }, (_, i) => lp('class', 'yes', i < right ? 'yes' : 'no')),
    ...Array.from({ length: unlabelled }, () => lp('class', 'yes', null)),
  ];
}

function input(r: LabelledPrediction[]): PerformanceJudgeInput {
  return { modelId: 'credit', modelVersion: '7', granularity: 'window', windowStart: 60_000, windowEnd: 120_000, rows: r, baseline, baselineId: 'b1', now: 999 };
}

function evaluate(r: LabelledPrediction[]) {
  const i = input(r);
  return performanceEvaluation(i, judgePerformance(i, policy), policy);
}

describe('performanceEvaluation', () => {
  it('a degraded window: subject performance, evidence and one performance_degradation finding', () => {
    const m = evaluate(rows(1000, 700, 250));
    expect(m).toMatchObject({
      subject: 'performance',
      modelId: 'credit',
      modelVersion: '7',
      granularity: 'window',
      evaluatedAt: 999,
      baselineId: 'b1',
      eventCount: 1250,
      judged: true,
      features: [],
      schema: { unknown: [], vanished: [] },
      dataset: { driftShare: 0, threshold: policy.dataset.share, detected: false },
      policy: { openAfter: 2, resolveAfter: 3, cooldownSeconds: 3600 },
    });
    expect(m.performance).toMatchObject({ task: 'binary', predicted: 1250, labelled: 1000, coverage: 0.8, metric: 'accuracy', value: 0.7, baselineValue: 0.9 });
    expect(m.performance?.metrics.accuracy).toBe(0.7);
    expect(m.findings).toHaveLength(1);
    const f = m.findings[0];
    expect(f).toMatchObject({ kind: 'performance_degradation', feature: null, severity: 'critical', metric: 'accuracy', value: 0.7 });
    expect(f.threshold).toBeCloseTo(0.8, 15);
    expect(f.details).toMatchObject({ metric: 'accuracy', value: 0.7, baselineValue: 0.9, coverage: 0.8, labelled: 1000, predicted: 1250 });
    expect(f.details?.interval).toEqual(m.performance?.interval);
    expect(f.message).toMatch(/^accuracy 0\.7 against baseline 0\.9, past 0\.8, 99% interval 0\.66.–0\.73. on 1000 labelled predictions \(critical\)$/);
    expect(validateEvaluation(JSON.parse(JSON.stringify(m)))).toMatchObject({ ok: true });
  });

  it('a clean or not judged window has no finding', () => {
    expect(evaluate(rows(1000, 900)).findings).toEqual([]);
    const notJudged = evaluate(rows(10, 0));
    expect(notJudged).toMatchObject({ judged: false, findings: [], eventCount: 10 });
    expect(notJudged.performance?.interval).toBeNull();
  });

  it('its id is deterministic and differs from the data evaluation of the same window', () => {
    const a = evaluate(rows(1000, 700));
    const b = evaluate(rows(1000, 900, 10));
    expect(a.evaluationId).toBe(b.evaluationId);
    expect(a.evaluationId).toBe(evaluationId('credit', '7', 'window', 60_000, 120_000, 'performance'));
    expect(a.evaluationId).not.toBe(evaluationId('credit', '7', 'window', 60_000, 120_000));
  });

  it('data evaluation ids are unchanged by the subject parameter', () => {
    // sha1 of ["m","1","window",0,60000], the id data evaluations have always had
    expect(evaluationId('m', '1', 'window', 0, 60_000)).toBe('3a65b1bd1e312fd2e192438b7f8d52f6e3ffde8e');
    expect(evaluationId('m', '1', 'window', 0, 60_000, 'data')).toBe('3a65b1bd1e312fd2e192438b7f8d52f6e3ffde8e');
  });
});

describe('performanceFinding', () => {
  it('a detector finding names the detector in details and in its message', () => {
    const f = performanceFinding({
      severity: 'warning',
      metric: 'errorRate',
      value: 0.3,
      threshold: 0.1,
      baselineValue: 0.1,
      coverage: 1,
      labelled: 500,
      predicted: 500,
      interval: null,
      detector: 'adwin',
      extra: { index: 412 },
    });
    expect(f).toMatchObject({ kind: 'performance_degradation', feature: null, severity: 'warning' });
    expect(f.details).toMatchObject({ detector: 'adwin', index: 412, interval: null });
    expect(f.message).toMatch(/^adwin detected a change/);
  });
});
