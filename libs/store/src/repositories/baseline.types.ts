import type { Baseline } from '@driftwatch/contracts';

/** A baseline as the catalog lists it: its features counted, not loaded. */
export interface BaselineSummary extends Omit<Baseline, 'features'> {
  readonly featureCount: number;
  readonly active: boolean;
}
