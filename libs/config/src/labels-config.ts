import type { EnvReader } from './env-reader';

/**
 * The label consumer's settings (section `labels`; the consumer runs inside the aggregator).
 * Variable: DRIFTWATCH_LABEL_RETENTION_DAYS. The consumer group is derived from
 * DRIFTWATCH_CONSUMER_GROUP_PREFIX like the other groups: `<prefix>-labels`.
 */
export interface LabelsConfig {
  /** Consumer group of inference-labels: `<prefix>-labels`. */
  readonly group: string;
  /** Days a stored label is kept after it was received (ClickHouse TTL of `labels`), 1 … 3650. */
  readonly retentionDays: number;
}

export const DEFAULT_LABEL_RETENTION_DAYS = 90;

export function readLabelsConfig(r: EnvReader, groupPrefix: string): LabelsConfig {
  return {
    group: `${groupPrefix}-labels`,
    retentionDays: r.unsignedInteger('DRIFTWATCH_LABEL_RETENTION_DAYS', DEFAULT_LABEL_RETENTION_DAYS, 1, 3_650),
  };
}
