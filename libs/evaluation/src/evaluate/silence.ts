import { EVALUATION_SCHEMA_VERSION, type EvaluationMessage, type Finding } from '@driftwatch/contracts';
import type { Policy } from '../policy/policy.types';
import { evaluationId } from './evaluation-id';

export function silenceFinding(eventCount: number, policy: Policy): Finding {
  return {
    kind: 'silence',
    feature: null,
    severity: policy.silence.severity,
    metric: 'eventCount',
    value: eventCount,
    threshold: policy.silence.minEvents,
    message:
      eventCount === 0 ? 'no events in the window' : `only ${eventCount} events in the window (fewer than ${policy.silence.minEvents})`,
  };
}

export interface SilenceInput {
  modelId: string;
  modelVersion: string;
  baselineId: string | null;
  /** The window slot that should have closed with events but did not. */
  windowStart: number;
  windowEnd: number;
  /** End of the last window that did close (event time), for the evidence. */
  lastWindowEnd: number | null;
  /** When the last window closed (processing time), what silence is judged on; for the evidence. */
  lastClosedAt?: number | null;
  policy: Policy;
  now: number;
}

/**
 * The evaluation published when no window closed for a while: the aggregator never closes an
 * empty window, so silence is noticed by the evaluator's timer. One evaluation per silent
 * window slot (its id is deterministic in the slot), never mistaken for the slot's real window.
 */
export function silenceEvaluation(input: SilenceInput): EvaluationMessage {
  const finding = silenceFinding(0, input.policy);
  if (input.lastClosedAt !== undefined && input.lastClosedAt !== null) {
    const minutes = Math.round((input.now - input.lastClosedAt) / 60_000);
    const lastEnd = input.lastWindowEnd === null ? '' : `; the last one ended at ${new Date(input.lastWindowEnd).toISOString()} event time`;
    finding.message = `no window closed since ${new Date(input.lastClosedAt).toISOString()} (${minutes} min)${lastEnd}`;
    finding.details = { lastClosedAt: input.lastClosedAt, lastWindowEnd: input.lastWindowEnd };
  } else if (input.lastWindowEnd !== null) {
    const minutes = Math.round((input.windowEnd - input.lastWindowEnd) / 60_000);
    finding.message = `no events since ${new Date(input.lastWindowEnd).toISOString()} (${minutes} min)`;
    finding.details = { lastWindowEnd: input.lastWindowEnd };
  }
  return {
    schemaVersion: EVALUATION_SCHEMA_VERSION,
    evaluationId: evaluationId(input.modelId, input.modelVersion, 'silence', input.windowStart, input.windowEnd),
    modelId: input.modelId,
    modelVersion: input.modelVersion,
    granularity: 'window',
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
    evaluatedAt: input.now,
    baselineId: input.baselineId,
    eventCount: 0,
    judged: false,
    features: [],
    schema: { unknown: [], vanished: [] },
    dataset: { driftShare: 0, threshold: input.policy.dataset.share, detected: false },
    findings: [finding],
    policy: { ...input.policy.alerting },
    // The alerter orders timer evaluations apart from windows (libs/alerting isTimerSilence).
    source: 'timer',
  };
}
