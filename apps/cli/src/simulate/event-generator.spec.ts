import { describe, expect, it } from 'vitest';
import type { InferenceEventInput } from '@driftwatch/contracts';
import { DEMO_FEATURES } from './demo-model';
import {
  DRIFT_SCENARIOS,
  MISSING_SHARE,
  NEW_CATEGORY,
  NEW_CATEGORY_SHARE,
  SCENARIO_NAMES,
  TYPE_ERROR_SHARE,
  UNIT_FACTOR,
  UNIT_SHARE,
  type ScenarioName,
} from './drift-scenarios';
import { EventGenerator } from './event-generator';

const N = 4_000;
const DRIFT_FROM = 1_000;

function events(scenario: ScenarioName, seed = 42, driftFrom = DRIFT_FROM): InferenceEventInput[] {
  const g = new EventGenerator({ modelId: 'm', modelVersion: '1', seed, scenario, driftFrom, runId: 'run' });
  return Array.from({ length: N }, (_, i) => g.next(1_000_000 + i));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

describe('EventGenerator (clean)', () => {
  it('gives the same events for the same seed and other values for another seed', () => {
    expect(events('none', 7)).toEqual(events('none', 7));
    const other = events('none', 8);
    expect(other.map((e) => e.features.income)).not.toEqual(events('none', 7).map((e) => e.features.income));
  });

  it('stamps ids, model, version and the given times', () => {
    const e = events('none');
    expect(e[0]).toMatchObject({ eventId: 'run-0', modelId: 'm', modelVersion: '1', timestamp: 1_000_000 });
    expect(new Set(e.map((x) => x.eventId)).size).toBe(N);
  });

  it('sends the eight features with their kinds and a probability as the prediction', () => {
    for (const e of events('none')) {
      expect(Object.keys(e.features).sort()).toEqual([...DEMO_FEATURES].sort());
      expect(typeof e.features.income).toBe('number');
      expect(typeof e.features.age).toBe('number');
      expect(typeof e.features.credit_score).toBe('number');
      expect(typeof e.features.amount).toBe('number');
      expect(Number.isInteger(e.features.tenure_months)).toBe(true);
      expect(['north', 'south', 'east', 'west']).toContain(e.features.region);
      expect(['web', 'app', 'branch']).toContain(e.features.channel);
      expect(typeof e.features.returning_customer).toBe('boolean');
      expect(e.prediction).toBeGreaterThanOrEqual(0);
      expect(e.prediction).toBeLessThanOrEqual(1);
    }
  });

  it('draws income log-normal around 40,000 and credit_score normal around 600 ± 80', () => {
    const e = events('none');
    const logIncome = e.map((x) => Math.log(x.features.income as number));
    expect(mean(logIncome)).toBeCloseTo(Math.log(40_000), 1);
    expect(std(logIncome)).toBeCloseTo(0.5, 1);
    const score = e.map((x) => x.features.credit_score as number);
    expect(Math.abs(mean(score) - 600)).toBeLessThan(5);
    expect(Math.abs(std(score) - 80)).toBeLessThan(4);
  });
});

/** The fields (feature names, or "prediction") in which two events differ. */
function differing(a: InferenceEventInput, b: InferenceEventInput): string[] {
  const names = DEMO_FEATURES.filter((f) => a.features[f] !== b.features[f]);
  return a.prediction === b.prediction ? names : [...names, 'prediction'];
}

describe('drift scenarios', () => {
  const clean = events('none');

  it.each(SCENARIO_NAMES.filter((n) => n !== 'none'))('%s leaves every event before the drift start as it was', (name) => {
    const drifted = events(name);
    expect(drifted.slice(0, DRIFT_FROM)).toEqual(clean.slice(0, DRIFT_FROM));
  });

  const touched: [ScenarioName, string][] = [
    ['shift', 'income'],
    ['missing', 'channel'],
    ['new-category', 'region'],
    ['type-error', 'age'],
    ['unit', 'amount'],
    ['prediction', 'prediction'],
  ];
  it.each(touched)('%s changes %s and nothing else after the drift start', (name, field) => {
    const drifted = events(name);
    const changed = new Set<string>();
    for (let i = DRIFT_FROM; i < N; i++) for (const f of differing(clean[i], drifted[i])) changed.add(f);
    expect([...changed]).toEqual([field]);
    // It is also the feature the scenario announces.
    const expected = DRIFT_SCENARIOS[name].expect;
    expect(expected?.feature ?? 'prediction').toBe(field);
  });

  const after = (name: ScenarioName) => ({ drifted: events(name).slice(DRIFT_FROM), base: clean.slice(DRIFT_FROM) });
  const n = N - DRIFT_FROM;
  // Binomial shares: within 4 standard errors of the announced share.
  const closeShare = (count: number, share: number) => expect(Math.abs(count / n - share)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / n));

  it('shift adds 25,000 to every income', () => {
    const { drifted, base } = after('shift');
    drifted.forEach((e, i) => expect(e.features.income as number).toBeCloseTo((base[i].features.income as number) + 25_000, 2));
  });

  it('missing nulls channel in about half of the events', () => {
    const { drifted } = after('missing');
    closeShare(drifted.filter((e) => e.features.channel === null).length, MISSING_SHARE);
  });

  it('new-category sends an unseen region in about a fifth of the events', () => {
    const { drifted } = after('new-category');
    closeShare(drifted.filter((e) => e.features.region === NEW_CATEGORY).length, NEW_CATEGORY_SHARE);
    expect(clean.some((e) => e.features.region === NEW_CATEGORY)).toBe(false);
  });

  it('type-error sends age as the same number in a string', () => {
    const { drifted, base } = after('type-error');
    const strings = drifted.flatMap((e, i) => (typeof e.features.age === 'string' ? [[e.features.age, base[i].features.age]] : []));
    closeShare(strings.length, TYPE_ERROR_SHARE);
    for (const [text, number] of strings) expect(text).toBe(String(number));
  });

  it('unit multiplies amount by 1,000,000 in about a quarter of the events', () => {
    const { drifted, base } = after('unit');
    const scaled = drifted.filter((e, i) => e.features.amount !== base[i].features.amount);
    closeShare(scaled.length, UNIT_SHARE);
    drifted.forEach((e, i) => {
      if (e.features.amount !== base[i].features.amount) expect(e.features.amount).toBe((base[i].features.amount as number) * UNIT_FACTOR);
    });
  });

  it('prediction raises every score (logit + 1.5) and keeps it a probability', () => {
    const { drifted, base } = after('prediction');
    drifted.forEach((e, i) => {
      const p = base[i].prediction as number;
      const q = e.prediction as number;
      expect(q).toBeLessThanOrEqual(1);
      if (p > 1e-4 && p < 1 - 1e-4) expect(Math.log(q / (1 - q)) - Math.log(p / (1 - p))).toBeCloseTo(1.5, 1);
    });
  });

  it('starts no drift when the start is past the last event', () => {
    expect(events('unit', 42, N)).toEqual(clean);
  });
});
