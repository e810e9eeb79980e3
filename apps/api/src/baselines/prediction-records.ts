import { BaselineSpecError, PREDICTION_FEATURE, predictionValue } from '@driftwatch/stats';
import type { EventSample } from '@driftwatch/store';

export interface PredictionRecords {
  records: Record<string, unknown>[];
  /** PREDICTION_FEATURE when any sample has a prediction, for buildBaseline's `prediction`. */
  prediction?: string;
}

/**
 * The samples' feature maps with each event's prediction as the feature PREDICTION_FEATURE,
 * valued as the aggregator counts it (a probability map → its top class), so a baseline made
 * from production traffic watches the predictions too. Without any prediction it is left out.
 */
export function predictionRecords(samples: readonly Pick<EventSample, 'features' | 'prediction'>[]): PredictionRecords {
  const values = samples.map((s) => predictionValue(s.prediction));
  const any = values.some((v) => v !== null);
  const records = samples.map((s, i) => {
    // Stored before the name was reserved: refused rather than mixed with the prediction.
    if (Object.hasOwn(s.features, PREDICTION_FEATURE)) {
      throw new BaselineSpecError(`stored events have a feature named ${JSON.stringify(PREDICTION_FEATURE)}, the name reserved for the model's prediction`);
    }
    return any && values[i] !== null ? { ...s.features, [PREDICTION_FEATURE]: values[i] } : s.features;
  });
  return any ? { records, prediction: PREDICTION_FEATURE } : { records };
}
