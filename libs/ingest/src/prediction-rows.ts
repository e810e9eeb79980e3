import type { InferenceEvent, Prediction, PredictionKind, PredictionRow } from '@driftwatch/contracts';
import type { WindowKey } from '@driftwatch/windowing';

/** A prediction in the three explicit shapes of the `predictions` table; null without a prediction. */
export interface PredictionShape {
  readonly kind: PredictionKind;
  readonly number: number | null;
  readonly class: string | null;
  readonly probabilities: Readonly<Record<string, number>>;
}

/**
 * The stored shape of a (validated) prediction: a number stays a number (score, regression),
 * a string is a class label, an object is a class → probability map (copied, possibly empty).
 * Absent and null mean "no prediction". The contract has no boolean prediction.
 */
export function predictionShape(prediction: Prediction | null | undefined): PredictionShape | null {
  if (prediction === null || prediction === undefined) return null;
  if (typeof prediction === 'number') return { kind: 'number', number: prediction, class: null, probabilities: {} };
  if (typeof prediction === 'string') return { kind: 'class', number: null, class: prediction, probabilities: {} };
  return { kind: 'probabilities', number: null, class: null, probabilities: { ...prediction } };
}

/** The row kept for the join with labels, or null when the event carries no prediction. */
export function predictionRow(event: InferenceEvent, key: Pick<WindowKey, 'start' | 'end'>, offset: string): PredictionRow | null {
  const shape = predictionShape(event.prediction);
  if (!shape) return null;
  return {
    modelId: event.modelId,
    modelVersion: event.modelVersion,
    eventId: event.eventId,
    eventTime: event.timestamp,
    windowStart: key.start,
    windowEnd: key.end,
    ...shape,
    sourceOffset: offset,
  };
}
