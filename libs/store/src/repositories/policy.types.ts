/** A model's policy document as stored (migration 0004); its shape is libs/evaluation's. */
export interface StoredPolicy {
  readonly modelId: string;
  /** The overrides of the default policy, as given (validated by the caller). */
  readonly policy: Record<string, unknown>;
  /** Epoch ms of the change. */
  readonly updatedAt: number;
}
