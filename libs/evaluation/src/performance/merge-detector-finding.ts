import type { EvaluationMessage, Finding } from '@driftwatch/contracts';

/**
 * Adds a streaming detector's performance_degradation finding to a window's performance
 * evaluation. The alerter keeps one finding per (kind, feature), and both are
 * performance_degradation on feature null, so the evaluation carries one of them: the
 * per-window judgement's when it is at least as severe (it names the metric, the baseline and
 * the interval), else the detector's.
 */
export function mergeDetectorFinding(evaluation: EvaluationMessage, detector: Finding | null): EvaluationMessage {
  if (!detector) return evaluation;
  const i = evaluation.findings.findIndex((f) => f.kind === detector.kind && f.feature === detector.feature);
  if (i < 0) return { ...evaluation, findings: [...evaluation.findings, detector] };
  if (evaluation.findings[i].severity === 'critical' || detector.severity !== 'critical') return evaluation;
  return { ...evaluation, findings: evaluation.findings.map((f, k) => (k === i ? detector : f)) };
}
