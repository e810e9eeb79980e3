import type { EvaluationMessage, Finding } from '@driftwatch/contracts';
import { describe, expect, it } from 'vitest';
import { mergeDetectorFinding } from './merge-detector-finding';

const finding = (severity: 'warning' | 'critical', metric: string): Finding => ({
  kind: 'performance_degradation',
  feature: null,
  severity,
  metric,
  value: 0.5,
  threshold: 0.8,
  message: metric,
  details: {},
});
const evaluation = (findings: Finding[]) => ({ evaluationId: 'e', findings }) as unknown as EvaluationMessage;

describe('mergeDetectorFinding', () => {
  it('appends the detector finding when the window had none', () => {
    expect(mergeDetectorFinding(evaluation([]), finding('warning', 'adwin')).findings.map((f) => f.metric)).toEqual(['adwin']);
  });

  it('keeps the judgement finding unless the detector is more severe', () => {
    expect(mergeDetectorFinding(evaluation([finding('warning', 'accuracy')]), finding('warning', 'adwin')).findings.map((f) => f.metric)).toEqual(['accuracy']);
    expect(mergeDetectorFinding(evaluation([finding('critical', 'accuracy')]), finding('critical', 'adwin')).findings.map((f) => f.metric)).toEqual(['accuracy']);
    expect(mergeDetectorFinding(evaluation([finding('warning', 'accuracy')]), finding('critical', 'adwin')).findings.map((f) => f.metric)).toEqual(['adwin']);
  });

  it('changes nothing without a detector finding', () => {
    const e = evaluation([finding('warning', 'accuracy')]);
    expect(mergeDetectorFinding(e, null)).toBe(e);
  });
});
