// A credit model's traffic for the end-to-end test: training rows for its baseline, and the
// events of one event-time window, either drawn from the training distribution or with one
// failure injected on one feature. Seeded, so every run sends the very same events.

import { seededRandom } from '@driftwatch/stats';

export const FEATURES = ['income', 'age', 'region', 'score', 'amount', 'channel'] as const;

/**
 * Importance weights as a model card would give them (they sum to 1). A feature is "top" for
 * the default policy when its share is >= 0.1: channel, income and score; region, amount and
 * age are minor, so their drift is at most a warning.
 */
export const IMPORTANCE: Readonly<Record<(typeof FEATURES)[number], number>> = {
  channel: 0.35,
  income: 0.3,
  score: 0.15,
  region: 0.08,
  amount: 0.07,
  age: 0.05,
};

const REGIONS: readonly [string, number][] = [
  ['north', 0.4],
  ['south', 0.3],
  ['east', 0.2],
  ['west', 0.1],
];
const CHANNELS: readonly [string, number][] = [
  ['web', 0.5],
  ['app', 0.35],
  ['branch', 0.15],
];

/** The failures the test injects, one feature each. */
export type Failure =
  /** income moved up by `incomeShift` (2 baseline standard deviations). */
  | 'income-shift'
  /** channel, the top feature, null in 60% of events. */
  | 'channel-missing'
  /** region "overseas", a category the baseline never saw, in 20% of events. */
  | 'region-new-category'
  /** age sent as a string ("42") in 40% of events: a producer's schema changed. */
  | 'age-strings'
  /** amount 1,000,000 times too large in 25% of events: hand-typed in the wrong unit. */
  | 'amount-units'
  /** score drawn from the upper half of its distribution only (a mean shift of 0.8 std, within the baseline's range). */
  | 'score-shift';

export type FeatureValue = number | string | null;

export interface RawEvent {
  eventId: string;
  modelId: string;
  modelVersion: string;
  timestamp: number;
  features: Record<string, FeatureValue>;
  prediction: number;
}

/** Seeded, so a failure reproduces. */
export const generator = seededRandom;

function pick(categories: readonly [string, number][], u: number): string {
  let acc = 0;
  for (const [name, share] of categories) {
    acc += share;
    if (u < acc) return name;
  }
  return categories[categories.length - 1][0];
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * One row from the training distribution. income and amount are log-normal: right-skewed, so a
 * shift of 2 std stays almost entirely below the baseline's maximum (a drift, not an
 * out-of-range problem); age is uniform on 18..90; score is normal.
 */
function cleanRow(rand: ReturnType<typeof generator>): Record<string, FeatureValue> {
  return {
    income: round(Math.exp(Math.log(40_000) + 0.5 * rand.normal()), 2),
    age: 18 + Math.floor(rand.uniform() * 73),
    region: pick(REGIONS, rand.uniform()),
    score: round(600 + 80 * rand.normal(), 1),
    amount: round(Math.exp(Math.log(100) + rand.normal()), 2),
    channel: pick(CHANNELS, rand.uniform()),
  };
}

/** The training data the baseline is built from. */
export function trainingRows(count: number, seed = 7): Record<string, FeatureValue>[] {
  const rand = generator(seed);
  return Array.from({ length: count }, () => cleanRow(rand));
}

export interface WindowSpec {
  modelId: string;
  modelVersion: string;
  /** Index of the window, for event ids and the seed. */
  index: number;
  windowStart: number;
  windowMs: number;
  count: number;
  failure: Failure | null;
  /** income shift of the 'income-shift' failure, in income units. */
  incomeShift: number;
}

/**
 * The events of one window, timestamps spread evenly over [start + 3 s, end - 2 s): the first
 * event of the next window then moves the watermark past this window's end plus a grace
 * and out-of-orderness of 1 s each, which closes it. Shares of the failures are exact (every
 * k-th event), so a window shows exactly the injected share.
 */
export function windowEvents(spec: WindowSpec): RawEvent[] {
  const rand = generator(10_000 + spec.index);
  const from = spec.windowStart + 3_000;
  const span = spec.windowMs - 5_000;
  return Array.from({ length: spec.count }, (_, k): RawEvent => {
    const features = cleanRow(rand);
    switch (spec.failure) {
      case 'income-shift':
        features.income = round((features.income as number) + spec.incomeShift, 2);
        break;
      case 'channel-missing':
        if (k % 5 < 3) features.channel = null;
        break;
      case 'region-new-category':
        if (k % 5 === 0) features.region = 'overseas';
        break;
      case 'age-strings':
        if (k % 5 < 2) features.age = String(features.age);
        break;
      case 'amount-units':
        if (k % 4 === 0) features.amount = (features.amount as number) * 1_000_000;
        break;
      case 'score-shift':
        features.score = round(600 + 80 * Math.abs(rand.normal()), 1);
        break;
      case null:
        break;
    }
    return {
      eventId: `${spec.modelId}-w${spec.index}-${k}`,
      modelId: spec.modelId,
      modelVersion: spec.modelVersion,
      timestamp: from + Math.floor((k * span) / spec.count),
      features,
      prediction: round(rand.uniform(), 4),
    };
  });
}
