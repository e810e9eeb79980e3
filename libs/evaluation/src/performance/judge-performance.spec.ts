import type { LabelledPrediction, PerformanceSnapshot } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { mergePolicy } from '../policy/merge-policy';
import type { PolicyOverrides } from '../policy/policy.types';
import { lp } from '../testing/performance-fixture.test-util';
import { beyondLevel, degradationLevel, judgePerformance, performanceVerdict } from './judge-performance';
import type { PerformanceJudgeInput } from './performance.types';

const BINARY_CLASSES: PerformanceSnapshot = {
  task: 'binary',
  positiveClass: 'yes',
  classes: ['no', 'yes'],
  labelled: 10_000,
  metrics: { accuracy: 0.9 },
};

/** `right` of `labelled` class predictions correct, plus `unlabelled` rows without a label. */
function classRows(labelled: number, right: number, unlabelled = 0): LabelledPrediction[] {
  const rows: LabelledPrediction[] = [];
  for (let i = 0; i < labelled; i++) rows.push(lp('class', 'yes', i < right ? 'yes' : 'no'));
  for (let i = 0; i < unlabelled; i++) rows.push(lp('class', 'yes', null));
  return rows;
}

function input(rows: LabelledPrediction[], baseline: PerformanceSnapshot | null = BINARY_CLASSES): PerformanceJudgeInput {
  return { modelId: 'm', modelVersion: '1', granularity: 'window', windowStart: 0, windowEnd: 60_000, rows, baseline: baseline ?? undefined, baselineId: 'b1', now: 1 };
}

function policy(overrides: PolicyOverrides['performance'] = {}) {
  return mergePolicy({ performance: { minLabelled: 100, minCoverage: 0.2, confidence: 0.99, ...overrides } });
}

describe('judgePerformance: not judged, with the reason', () => {
  it('too few labels', () => {
    const j = judgePerformance(input(classRows(99, 50)), policy());
    expect(j).toMatchObject({ judged: false, predicted: 99, labelled: 99, coverage: 1, metric: 'accuracy', baselineValue: 0.9 });
    expect(j.reason).toBe('99 labelled predictions, fewer than minLabelled 100');
    expect(j.value).toBeCloseTo(50 / 99, 15);
  });

  it('coverage below the minimum', () => {
    const j = judgePerformance(input(classRows(100, 50, 401)), policy());
    expect(j.judged).toBe(false);
    expect(j.coverage).toBeCloseTo(100 / 501, 15);
    expect(j.reason).toMatch(/^label coverage 0\.2 is below minCoverage 0\.2$/);
  });

  it('no baseline performance', () => {
    const j = judgePerformance(input(classRows(200, 100), null), policy());
    expect(j).toMatchObject({ judged: false, reason: 'the baseline has no performance to compare with', baselineValue: null });
    expect(j.snapshot?.labelled).toBe(200);
  });

  it('the watched metric null on either side', () => {
    expect(judgePerformance(input(classRows(200, 100)), policy({ metric: 'rocAuc' })).reason).toBe('rocAuc is undefined in the window');
    const scored = Array.from({ length: 200 }, (_, i) => lp('number', (i % 10) / 10, i % 2));
    const baseline: PerformanceSnapshot = { task: 'binary', positiveClass: '1', classes: ['0', '1'], labelled: 1000, metrics: { rocAuc: null, accuracy: 0.8 } };
    expect(judgePerformance(input(scored, baseline), policy()).reason).toBe('rocAuc is undefined in the baseline');
  });

  it('rows that do not fit the baseline’s task', () => {
    const j = judgePerformance(input(classRows(150, 100).concat([lp('class', 'maybe', 'yes')])), policy());
    expect(j.judged).toBe(false);
    expect(j.reason).toMatch(/do not fit a binary task: event r\d+: prediction "maybe"/);
  });

  it('an empty window', () => {
    expect(judgePerformance(input([]), policy())).toMatchObject({ judged: false, predicted: 0, labelled: 0, coverage: 0, snapshot: null });
  });
});

describe('judgePerformance + performanceVerdict: accuracy (absolute tolerance 0.05, critical 0.1)', () => {
  it('a drop within the noise is not significant', () => {
    // 0.82 on 100 labels: below 0.85 but the 99% Wilson interval reaches 0.89
    const j = judgePerformance(input(classRows(100, 82)), policy());
    expect(j.judged).toBe(true);
    expect(j.interval).toMatchObject({ method: 'wilson', confidence: 0.99 });
    expect(j.interval!.high).toBeGreaterThan(0.85);
    expect(performanceVerdict(j, policy())).toBeNull();
  });

  it('a drop within the tolerance is not significant however many labels', () => {
    const j = judgePerformance(input(classRows(100_000, 86_000)), policy());
    expect(j.interval!.high).toBeLessThan(0.9);
    expect(performanceVerdict(j, policy())).toBeNull();
  });

  it('a clear drop is a warning at baseline − tolerance', () => {
    const j = judgePerformance(input(classRows(2000, 1640)), policy());
    const v = performanceVerdict(j, policy());
    expect(v?.severity).toBe('warning');
    expect(v?.threshold).toBeCloseTo(0.85, 15);
  });

  it('past the critical level with the whole interval: critical', () => {
    const j = judgePerformance(input(classRows(2000, 1500)), policy());
    const v = performanceVerdict(j, policy());
    expect(v?.severity).toBe('critical');
    expect(v?.threshold).toBeCloseTo(0.8, 15);
    expect(performanceVerdict(j, policy({ critical: 0.3 }))?.severity).toBe('warning');
  });

  it('an improvement is never a degradation', () => {
    expect(performanceVerdict(judgePerformance(input(classRows(2000, 2000)), policy()), policy())).toBeNull();
  });

  it('a not judged window has no verdict', () => {
    expect(performanceVerdict(judgePerformance(input(classRows(50, 0)), policy()), policy())).toBeNull();
  });
});

describe('lower-is-better metrics: relative tolerance', () => {
  const regressionBaseline: PerformanceSnapshot = { task: 'regression', positiveClass: null, classes: [], labelled: 10_000, metrics: { rmse: 1, mae: 0.8 } };
  /** Errors ±e alternating: rmse = mae = e exactly, sample std of e² is 0. */
  const errors = (n: number, e: number) => Array.from({ length: n }, (_, i) => lp('number', 10 + (i % 2 ? e : -e), 10));

  it('rmse 1.15 against 1: past baseline × 1.1, a warning; 1.25 past × 1.2, critical', () => {
    const warn = judgePerformance(input(errors(200, 1.15), regressionBaseline), policy());
    expect(warn).toMatchObject({ judged: true, metric: 'rmse' });
    expect(performanceVerdict(warn, policy())).toMatchObject({ severity: 'warning', threshold: 1.1 });
    expect(performanceVerdict(judgePerformance(input(errors(200, 1.25), regressionBaseline), policy()), policy())?.severity).toBe('critical');
    expect(performanceVerdict(judgePerformance(input(errors(200, 1.05), regressionBaseline), policy()), policy())).toBeNull();
  });

  it('a noisy window whose interval reaches below the level is not significant', () => {
    // 95 errors of 0.5 and 5 of 5: rmse ≈ 1.22, carried by five rows
    const rows = Array.from({ length: 100 }, (_, i) => lp('number', 10 + (i < 5 ? 5 : 0.5), 10));
    const j = judgePerformance(input(rows, regressionBaseline), policy());
    expect(j.value).toBeGreaterThan(1.2);
    expect(j.interval!.low).toBeLessThan(1.1);
    expect(performanceVerdict(j, policy())).toBeNull();
  });

  it('degradationLevel and beyondLevel mirror the direction', () => {
    expect(degradationLevel({ direction: 'lower', kind: 'relative' }, 2, 0.1)).toBeCloseTo(2.2, 15);
    expect(degradationLevel({ direction: 'higher', kind: 'relative' }, 2, 0.1)).toBeCloseTo(1.8, 15);
    expect(degradationLevel({ direction: 'lower', kind: 'absolute' }, 0.02, 0.05)).toBeCloseTo(0.07, 15);
    expect(degradationLevel({ direction: 'higher', kind: 'absolute' }, 0.9, 0.05)).toBeCloseTo(0.85, 15);
    const interval = { low: 2.3, high: 2.5, confidence: 0.99, method: 'normal' };
    expect(beyondLevel('lower', 2.4, interval, 2.2)).toBe(true);
    expect(beyondLevel('lower', 2.4, { ...interval, low: 2.2 }, 2.2)).toBe(false);
    expect(beyondLevel('higher', 0.8, { ...interval, low: 0.7, high: 0.85 }, 0.85)).toBe(false);
  });
});

describe('metric auto', () => {
  it('rocAuc for binary scores, judged with DeLong', () => {
    const baseline: PerformanceSnapshot = { task: 'binary', positiveClass: '1', classes: ['0', '1'], labelled: 10_000, metrics: { rocAuc: 0.9, accuracy: 0.8 } };
    // Scores unrelated to the labels: AUC 0.5
    const rows = Array.from({ length: 400 }, (_, i) => lp('number', ((i * 37) % 100) / 100, i % 2));
    const j = judgePerformance(input(rows, baseline), DEFAULT_POLICY);
    expect(j).toMatchObject({ judged: true, metric: 'rocAuc' });
    expect(j.interval?.method).toBe('delong');
    expect(performanceVerdict(j, DEFAULT_POLICY)?.severity).toBe('critical');
  });
});
