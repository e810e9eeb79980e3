import type { EvaluationMessage } from '@driftwatch/contracts';

/**
 * True for the silence evaluation the evaluator's timer publishes when a model's windows stop
 * closing, as opposed to the evaluation of a window that did close. Its window is a slot of the
 * evaluator's clock (processing time), while real windows are in event time, so the two must
 * not be ordered against each other.
 *
 * The timer marks its evaluations `source: 'timer'` (the contract validator holds such a message
 * to the shape below). Evaluations published before the marker existed, still on
 * driftwatch.evaluations or replayed from it, carry no `source`: those are told by their shape.
 * The aggregator never closes a window without events, so a real window always has
 * eventCount >= 1; the timer's evaluation has none, no features and only silence findings.
 */
export function isTimerSilence(evaluation: EvaluationMessage): boolean {
  if (evaluation.source !== undefined) return evaluation.source === 'timer';
  return (
    evaluation.eventCount === 0 &&
    evaluation.features.length === 0 &&
    evaluation.findings.length > 0 &&
    evaluation.findings.every((f) => f.kind === 'silence')
  );
}
