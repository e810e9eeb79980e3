import type { PredictionKind, PredictionRow } from '@driftwatch/contracts';

/** The prediction columns of a `predictions` row as JSONEachRow returns them. */
export interface PredictionColumns {
  prediction_kind: string;
  prediction_number: number | string | null;
  prediction_class: string | null;
  prediction_probabilities: Record<string, number | string>;
}

/**
 * The stored prediction back in its shape. Float64 values may come back as strings (the client's
 * JSON output of large numbers), hence the Number() calls.
 */
export function predictionValueOf(r: PredictionColumns): Pick<PredictionRow, 'kind' | 'number' | 'class' | 'probabilities'> {
  return {
    kind: r.prediction_kind as PredictionKind,
    number: r.prediction_number === null ? null : Number(r.prediction_number),
    class: r.prediction_class,
    probabilities: Object.fromEntries(Object.entries(r.prediction_probabilities).map(([k, v]) => [k, Number(v)])),
  };
}
