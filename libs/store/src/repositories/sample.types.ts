export interface EventSample {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly eventId: string;
  /** Event time, epoch milliseconds. */
  readonly eventTime: number;
  readonly features: Readonly<Record<string, unknown>>;
  readonly prediction: unknown;
}
