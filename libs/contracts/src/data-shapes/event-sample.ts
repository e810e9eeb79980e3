/** A raw event kept for a model without a baseline, so one can be built from production data. */
export interface EventSample {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly eventId: string;
  /** Event time, epoch milliseconds. */
  readonly eventTime: number;
  readonly features: Readonly<Record<string, unknown>>;
  readonly prediction: unknown;
}
