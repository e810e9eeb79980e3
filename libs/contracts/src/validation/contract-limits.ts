/** Bounds that keep one event from costing more than its share (memory, ClickHouse rows). */
export interface ContractLimits {
  /** eventId, modelId and modelVersion. */
  maxIdLength: number;
  maxFeatures: number;
  maxFeatureNameLength: number;
  /** A string feature value becomes a category stored with its count: keep it short. */
  maxStringValueLength: number;
  /** Entries of a class → probability prediction. */
  maxPredictionClasses: number;
}

export const DEFAULT_CONTRACT_LIMITS: Readonly<ContractLimits> = Object.freeze({
  maxIdLength: 128,
  maxFeatures: 1000,
  maxFeatureNameLength: 256,
  maxStringValueLength: 1024,
  maxPredictionClasses: 1000,
});

export function resolveLimits(overrides?: Partial<ContractLimits>): Readonly<ContractLimits> {
  if (!overrides) return DEFAULT_CONTRACT_LIMITS;
  const limits = { ...DEFAULT_CONTRACT_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`contract limit ${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return limits;
}
