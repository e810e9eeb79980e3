import type { LabelEvent } from '@driftwatch/contracts';

/** A label to store: the decoded event and, optionally, when it was received (default: now). */
export type LabelToSave = LabelEvent & { readonly receivedAt?: number };

/** A label as stored (labels, migration 0008): the winner of its (model, event). */
export interface StoredLabel {
  modelId: string;
  eventId: string;
  label: number | string | boolean;
  /** The label's own timestamp (when it became known), epoch ms. */
  labelTime: number;
  /** When Driftwatch stored it, epoch ms. */
  receivedAt: number;
}

export interface LabelRepositoryOptions {
  /** Days a label is kept after it was received (DRIFTWATCH_LABEL_RETENTION_DAYS); default 90. */
  readonly retentionDays?: number;
}
