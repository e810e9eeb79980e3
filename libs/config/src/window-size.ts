import type { WindowConfig } from './driftwatch-config';

/**
 * A model's window size in seconds: its own when it has one, else DRIFTWATCH_WINDOW_SECONDS.
 * The aggregator cuts windows with it and the evaluator's silence timer measures quiet in it,
 * so both must ask here rather than read `sizeSeconds` directly.
 */
export function windowSecondsOf(window: WindowConfig, modelId: string): number {
  const own = window.sizeSecondsByModel;
  // Own keys only: a model named "constructor" must not find Object.prototype's.
  return own !== undefined && Object.hasOwn(own, modelId) ? own[modelId] : window.sizeSeconds;
}
