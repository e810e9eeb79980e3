import type { WindowClosedMessage } from '@driftwatch/contracts';
import type { Baseline, FeatureKindDelta, WindowDelta, WindowFeatureDelta } from '@driftwatch/store';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** A model whose baseline has a top numeric feature, a categorical one and a minor numeric one. */
export function creditRiskBaseline(modelId: string, baselineId = 'b1'): Baseline {
  return {
    modelId,
    modelVersion: '7',
    baselineId,
    createdAt: Date.UTC(2025, 11, 1),
    rowCount: 5000,
    source: 'test',
    features: [
      {
        name: 'income',
        kind: 'numeric',
        edges: [20, 40, 60],
        binCounts: [1250, 1250, 1250, 1250],
        categories: {},
        count: 5000,
        missing: 0,
        min: 0,
        max: 100,
        mean: 45,
        std: 25,
        median: 44,
        importance: 6,
      },
      {
        name: 'region',
        kind: 'categorical',
        edges: [],
        binCounts: [],
        categories: { north: 3000, south: 2000 },
        count: 5000,
        missing: 0,
        min: null,
        max: null,
        mean: null,
        std: null,
        median: null,
        importance: 3,
      },
      {
        name: 'age',
        kind: 'numeric',
        edges: [30, 50],
        binCounts: [1500, 2000, 1500],
        categories: {},
        count: 5000,
        missing: 0,
        min: 18,
        max: 90,
        mean: 45,
        std: 15,
        median: 44,
        importance: 1,
      },
    ],
  };
}

type Where = Pick<WindowFeatureDelta, 'modelId' | 'modelVersion' | 'windowStart' | 'windowEnd' | 'baselineId'>;

const numeric = (where: Where, feature: string, o: Partial<WindowFeatureDelta>): WindowFeatureDelta => ({
  ...where,
  feature,
  count: 0,
  missing: 0,
  typeErrors: 0,
  bins: [],
  categories: {},
  outOfRangeLow: 0,
  outOfRangeHigh: 0,
  min: null,
  max: null,
  sum: 0,
  sumSq: 0,
  ...o,
});

/**
 * The deltas of one window of 200 events. `bad`: income in the wrong unit (× 1,000,000), a new
 * region "overseas", strings in age, and an unknown feature "promo"; otherwise a window like
 * the baseline.
 */
export function windowDeltas(modelId: string, start: number, bad: boolean, baselineId = 'b1'): { windows: WindowDelta[]; features: WindowFeatureDelta[]; kinds: FeatureKindDelta[] } {
  const where: Where = { modelId, modelVersion: '7', windowStart: start, windowEnd: start + MINUTE, baselineId };
  const features = bad
    ? [
        numeric(where, 'income', { count: 200, bins: [0, 0, 0, 200], outOfRangeHigh: 200, min: 2e7, max: 9e7, sum: 200 * 4.5e7 }),
        numeric(where, 'region', { count: 200, categories: { north: 100, south: 60, overseas: 40 } }),
        numeric(where, 'age', { count: 150, typeErrors: 50, bins: [45, 60, 45], min: 19, max: 88, sum: 150 * 45 }),
        numeric(where, 'promo', { count: 200, min: 0, max: 1, sum: 100 }),
      ]
    : [
        numeric(where, 'income', { count: 200, bins: [50, 50, 50, 50], min: 1, max: 99, sum: 200 * 45 }),
        numeric(where, 'region', { count: 200, categories: { north: 120, south: 80 } }),
        numeric(where, 'age', { count: 200, bins: [60, 80, 60], min: 19, max: 88, sum: 200 * 45 }),
      ];
  const kinds: FeatureKindDelta[] = bad
    ? [
        { ...where, feature: 'age', inBaseline: true, kinds: { string: 50 } },
        { ...where, feature: 'promo', inBaseline: false, kinds: { number: 200 } },
      ]
    : [];
  const windows: WindowDelta[] = [
    { ...where, eventCount: 200, lateCount: 0, firstEventTime: start, lastEventTime: start + MINUTE - 1, closedAt: start + MINUTE + 15_000 },
  ];
  return { windows, features, kinds };
}

/** The close message of the window windowDeltas writes (same bounds, counts and close time). */
export function windowClosed(modelId: string, start: number): WindowClosedMessage {
  return { schemaVersion: 1, modelId, modelVersion: '7', windowStart: start, windowEnd: start + MINUTE, eventCount: 200, lateCount: 0, closedAt: start + MINUTE + 15_000, reason: 'watermark' };
}
