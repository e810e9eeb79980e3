// Seeded traffic of a few models for the multi-process tests: a baseline per model from
// training rows, and per window the events drawn from the same distribution, or, for the
// injected drift, with feature `x` moved by two baseline standard deviations.
import type { Baseline } from '@driftwatch/store';
import { buildBaseline, columnsFromRecords, seededRandom } from '@driftwatch/stats';

export const WINDOW_MS = 60_000;
/** Event time: an hour-aligned start three hours back, so every window is in the past (the aggregator dead-letters events ahead of its clock). */
export const T0 = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000;
export const windowStart = (i: number) => T0 + i * WINDOW_MS;

export interface TrafficEvent {
  eventId: string;
  modelId: string;
  modelVersion: string;
  timestamp: number;
  features: { x: number; c: string };
  prediction: number;
}

const CATEGORIES: readonly [string, number][] = [
  ['a', 0.5],
  ['b', 0.3],
  ['c', 0.2],
];

function row(rand: ReturnType<typeof seededRandom>): { x: number; c: string } {
  const u = rand.uniform();
  let acc = 0;
  let c = CATEGORIES[CATEGORIES.length - 1][0];
  for (const [name, share] of CATEGORIES) {
    acc += share;
    if (u < acc) {
      c = name;
      break;
    }
  }
  return { x: Math.round((50 + 10 * rand.normal()) * 1000) / 1000, c };
}

export function baselineFor(modelId: string, modelVersion = '1'): Baseline {
  const rand = seededRandom(7);
  const { columns, kinds } = columnsFromRecords(Array.from({ length: 5000 }, () => row(rand)));
  const stats = buildBaseline(columns, { importance: { x: 0.6, c: 0.4 }, kinds });
  return { modelId, modelVersion, baselineId: `b-${modelId}`, createdAt: T0 - 86_400_000, rowCount: stats.rowCount, source: 'test:distributed', features: stats.features };
}

/** The events of window `index` of one model, timestamps spread over [start + 3 s, end − 2 s); `drift` moves x by 2 std (20). */
export function windowTraffic(modelId: string, index: number, count: number, drift: boolean): TrafficEvent[] {
  const rand = seededRandom(1_000 * index + modelId.length * 7 + modelId.charCodeAt(modelId.length - 1));
  const from = windowStart(index) + 3_000;
  const span = WINDOW_MS - 5_000;
  return Array.from({ length: count }, (_, k) => {
    const features = row(rand);
    if (drift) features.x += 20;
    return { eventId: `${modelId}-w${index}-${k}`, modelId, modelVersion: '1', timestamp: from + Math.floor((k * span) / count), features, prediction: rand.uniform() };
  });
}
