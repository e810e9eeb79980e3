import type { EvaluationMessage, Finding } from '../events/evaluation';
import { withoutExplanation } from '../events/drift-explanation';
import { encodeEvaluation } from './evaluation.codec';

const SEVERITY_RANK: Record<Finding['severity'], number> = { critical: 0, warning: 1 };
const MAX_FINDING_MESSAGE = 200;

/** A finding without its bulky evidence (baseline and current summaries, details): what is cut first when a message must shrink. */
export function withoutEvidence(finding: Finding): Finding {
  const { baseline: _b, current: _c, details: _d, ...rest } = finding;
  return rest;
}

type Step = (e: EvaluationMessage) => { next: EvaluationMessage; removed: string } | null;

/**
 * Steps from the least to the most missed: drift findings' explanations (the bins that moved,
 * the bulkiest evidence and the one the stored result shows whole), then the other evidence a person reads in the stored result anyway,
 * then per-feature metrics beside the deciding one, then features nothing was found on, then
 * the long wording of findings. Findings themselves go last, least severe first: the alerter
 * reads a missing finding as a clean window, so dropping one may resolve its incident.
 */
const STEPS: Step[] = [
  (e) =>
    e.findings.some((f) => f.details && 'explanation' in f.details)
      ? { next: { ...e, findings: e.findings.map(withoutExplanation) }, removed: 'drift explanations (details.explanation)' }
      : null,
  (e) =>
    e.findings.some((f) => f.baseline || f.current || f.details)
      ? {
          next: { ...e, findings: e.findings.map(withoutEvidence) },
          removed: 'finding evidence (baseline, current, details)',
        }
      : null,
  (e) =>
    e.features.some((f) => Object.keys(f.metrics).length > 1)
      ? {
          next: { ...e, features: e.features.map((f) => ({ ...f, metrics: f.drift.method in f.metrics ? { [f.drift.method]: f.metrics[f.drift.method] } : {} })) },
          removed: 'feature metrics other than the deciding one',
        }
      : null,
  (e) => {
    const named = new Set(e.findings.map((f) => f.feature));
    const kept = e.features.filter((f) => f.drift.detected || named.has(f.name));
    return kept.length < e.features.length ? { next: { ...e, features: kept }, removed: `${e.features.length - kept.length} features without findings` } : null;
  },
  (e) =>
    e.findings.some((f) => f.message.length > MAX_FINDING_MESSAGE)
      ? {
          next: { ...e, findings: e.findings.map((f) => (f.message.length > MAX_FINDING_MESSAGE ? { ...f, message: `${f.message.slice(0, MAX_FINDING_MESSAGE - 1)}…` } : f)) },
          removed: `finding messages beyond ${MAX_FINDING_MESSAGE} characters`,
        }
      : null,
  (e) => (e.features.length > 0 ? { next: { ...e, features: [] }, removed: `all ${e.features.length} remaining feature evaluations` } : null),
];

/**
 * The evaluation cut to at most `maxBytes` of JSON, with `evidenceTrimmed` saying what went;
 * returned unchanged when it fits. Throws only if even one finding would not fit.
 */
export function trimEvaluation(evaluation: EvaluationMessage, maxBytes: number): EvaluationMessage {
  const originalBytes = encodeEvaluation(evaluation).length;
  if (originalBytes <= maxBytes) return evaluation;
  const removed: string[] = [];
  let current: EvaluationMessage = evaluation;
  const withNote = (e: EvaluationMessage): EvaluationMessage => ({ ...e, evidenceTrimmed: { originalBytes, removed: [...removed] } });
  const fits = (e: EvaluationMessage) => encodeEvaluation(withNote(e)).length <= maxBytes;
  for (const step of STEPS) {
    const result = step(current);
    if (!result) continue;
    current = result.next;
    removed.push(result.removed);
    if (fits(current)) return withNote(current);
  }
  // Last resort: the least severe findings, as few as needed (halving the count each time).
  const ordered = [...current.findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  for (let keep = Math.floor(ordered.length / 2); keep >= 1; keep = Math.floor(keep / 2)) {
    const candidate = { ...current, findings: ordered.slice(0, keep) };
    removed.push(`${ordered.length - keep} least severe findings`);
    if (fits(candidate)) return withNote(candidate);
    removed.pop();
  }
  throw new RangeError(`evaluation ${evaluation.evaluationId} cannot be cut to ${maxBytes} bytes`);
}
