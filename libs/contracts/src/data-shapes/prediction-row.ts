/**
 * The shape a prediction is kept in: exactly one of a number (score, regression), a class
 * label, or a class → probability map, as the event carried it. The inference-event contract
 * has no boolean prediction (`Prediction` is number | string | map), so there is no fourth kind.
 */
export type PredictionKind = 'number' | 'class' | 'probabilities';

/**
 * One event's prediction as the aggregator stores it for the later join with labels
 * (`predictions` table, migration 0007), keyed by (modelId, eventId).
 */
export interface PredictionRow {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly eventId: string;
  /** Event time, epoch milliseconds. */
  readonly eventTime: number;
  /** The event-time window the event was counted in, epoch ms, start inclusive, end exclusive. */
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly kind: PredictionKind;
  /** Set when `kind` is `number`, else null. */
  readonly number: number | null;
  /** Set when `kind` is `class`, else null. */
  readonly class: string | null;
  /** The map when `kind` is `probabilities` (possibly empty), else empty. */
  readonly probabilities: Readonly<Record<string, number>>;
  /**
   * Kafka offset (decimal string) of the message the event came in: the version of the row.
   * When a producer sent the same eventId twice, the copy with the higher offset is kept.
   */
  readonly sourceOffset: string;
}
