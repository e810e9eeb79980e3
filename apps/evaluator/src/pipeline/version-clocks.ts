import type { DriftwatchConfig } from '@driftwatch/config';
import type { ModelSummary, Store } from '@driftwatch/store';

/** A model version as the evaluator's clocks see it: its windows, and its last close within the look-back. */
export type VersionClock = ModelSummary & {
  /** Newest `closedAt` of its windows since the look-back start; null: none closed since. */
  lastClosedAt: number | null;
};

/** Every model version with the last close of its windows since `since` (the silence timer and the rollup clock read the same). */
export async function readVersionClocks(store: Store, since: number): Promise<VersionClock[]> {
  const [versions, closes] = await Promise.all([store.windows.listModels(), store.windows.lastCloses(since)]);
  const lastClosedAt = new Map(closes.map((c) => [versionKey(c.modelId, c.modelVersion), c.lastClosedAt]));
  return versions.map((v) => ({ ...v, lastClosedAt: lastClosedAt.get(versionKey(v.modelId, v.modelVersion)) ?? null }));
}

/**
 * How long after a window's end its close can still come: the watermark's out-of-orderness and
 * grace, and the idle close of a quiet model.
 */
export function closeSlackMs(window: DriftwatchConfig['window']): number {
  return (window.graceSeconds + window.outOfOrdernessSeconds + window.idleCloseSeconds) * 1000;
}

export function versionKey(modelId: string, modelVersion: string): string {
  return JSON.stringify([modelId, modelVersion]);
}
