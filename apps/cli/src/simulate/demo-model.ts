import type { FeatureValue } from '@driftwatch/contracts';
import type { SeededRandom } from '@driftwatch/stats';

/**
 * The simulated model: a credit-approval score over eight features, with the importance
 * weights a model card would give (they sum to 1). With the default policy a feature is "top"
 * when its weight is ≥ 0.1: channel, income and credit_score.
 */
export const DEMO_IMPORTANCE: Readonly<Record<string, number>> = Object.freeze({
  channel: 0.3,
  income: 0.25,
  credit_score: 0.15,
  amount: 0.08,
  age: 0.07,
  tenure_months: 0.06,
  region: 0.05,
  returning_customer: 0.04,
});

export const DEMO_FEATURES = Object.keys(DEMO_IMPORTANCE);

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

export interface DemoRow {
  features: Record<string, FeatureValue>;
  /** Probability of approval, 4 decimals. */
  prediction: number;
}

export const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

function pick(categories: readonly [string, number][], u: number): string {
  let acc = 0;
  for (const [name, share] of categories) {
    acc += share;
    if (u < acc) return name;
  }
  return categories[categories.length - 1][0];
}

/** Score at or above which the demo model approves: its decision, what a label agrees with or not. */
export const DECISION_THRESHOLD = 0.5;

/**
 * The deployed demo model: a logistic score of the features as sent (after their rounding),
 * so the same features always get the same prediction. Its inputs are standardised the way the
 * generator draws them (income and amount log-normal, credit_score normal).
 */
export function demoScore(features: Readonly<Record<string, FeatureValue>>): number {
  const incomeZ = Math.log((features.income as number) / 40_000) / 0.5;
  const scoreZ = ((features.credit_score as number) - 600) / 80;
  const amountZ = Math.log((features.amount as number) / 100);
  const logit = -0.3 + 0.6 * incomeZ + 0.5 * scoreZ - 0.3 * amountZ + (features.channel === 'branch' ? 0.4 : 0) + (features.returning_customer === true ? 0.3 : 0);
  return round(1 / (1 + Math.exp(-logit)), 4);
}

/**
 * One inference from the training distribution. income and amount are log-normal (right
 * skewed, like money), age uniform on 18..90, credit_score normal, tenure exponential. Every
 * call draws the same number of values, so two streams with one seed stay aligned whatever
 * a drift scenario later does to the row. The prediction is the model's (demoScore): a fixed
 * function of the features, as a deployed model gives.
 */
export function demoRow(rand: SeededRandom): DemoRow {
  const incomeZ = rand.normal();
  const scoreZ = rand.normal();
  const amountZ = rand.normal();
  const age = 18 + Math.floor(rand.uniform() * 73);
  const tenure = Math.floor(-Math.log(1 - rand.uniform()) * 24);
  const region = pick(REGIONS, rand.uniform());
  const channel = pick(CHANNELS, rand.uniform());
  const returning = rand.uniform() < 0.6;
  const features = {
    income: round(Math.exp(Math.log(40_000) + 0.5 * incomeZ), 2),
    age,
    credit_score: round(600 + 80 * scoreZ, 1),
    amount: round(Math.exp(Math.log(100) + amountZ), 2),
    tenure_months: tenure,
    region,
    channel,
    returning_customer: returning,
  };
  return { features, prediction: demoScore(features) };
}
