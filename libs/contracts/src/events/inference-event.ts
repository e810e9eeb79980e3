/** A feature value as model services send it; `null` means missing. */
export type FeatureValue = number | string | boolean | null;

/** A score or regression output, a class name, or class → probability. */
export type Prediction = number | string | Record<string, number>;

/** One inference, as published by a model service on `inference-events` (docs/architecture.md "Events and labels"). */
export interface InferenceEvent {
  /** Unique per inference; used for idempotency and to join labels. */
  eventId: string;
  modelId: string;
  modelVersion: string;
  /** Event time in epoch milliseconds (ISO-8601 input is normalised to this). */
  timestamp: number;
  features: Record<string, FeatureValue>;
  prediction?: Prediction;
}

/** What a producer may send: the timestamp may still be an ISO-8601 string. */
export type InferenceEventInput = Omit<InferenceEvent, 'timestamp'> & { timestamp: number | string };
