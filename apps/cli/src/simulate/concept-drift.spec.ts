import { describe, expect, it } from 'vitest';
import type { InferenceEventInput } from '@driftwatch/contracts';
import { ks2samp } from '@driftwatch/stats';
import { AGREEMENT_AFTER, AGREEMENT_BEFORE } from './concept-labels';
import { DECISION_THRESHOLD, demoScore } from './demo-model';
import { EventGenerator, type LabelledEvent } from './event-generator';

const N = 8_000;
const FLIP = 4_000;

function run(share = 1, seed = 3): LabelledEvent[] {
  const g = new EventGenerator({ modelId: 'm', modelVersion: '1', seed, scenario: 'concept', driftFrom: FLIP, runId: 'c', labelShare: share });
  return Array.from({ length: N }, (_, i) => g.nextLabelled(1_000_000 + i));
}

const sorted = (xs: number[]) => Float64Array.from(xs).sort();
const numbers = (events: LabelledEvent[], read: (e: InferenceEventInput) => number) => sorted(events.map((e) => read(e.event)));
/** Agreement of the labels with the model's decision: the accuracy of the model on these events. */
function accuracy(events: LabelledEvent[]): { value: number; n: number } {
  const labelled = events.filter((e) => e.label !== null);
  const agree = labelled.filter((e) => ((e.event.prediction as number) >= DECISION_THRESHOLD) === e.label).length;
  return { value: agree / labelled.length, n: labelled.length };
}
/** Within 4 binomial standard errors. */
const closeTo = (observed: { value: number; n: number }, p: number) => expect(Math.abs(observed.value - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / observed.n));

describe('simulate --drift concept: the events', () => {
  const events = run();
  const before = events.slice(0, FLIP);
  const after = events.slice(FLIP);

  it('sends the same events as clean traffic: only the labels change', () => {
    const g = new EventGenerator({ modelId: 'm', modelVersion: '1', seed: 3, scenario: 'none', driftFrom: N, runId: 'c' });
    const clean = Array.from({ length: N }, (_, i) => g.next(1_000_000 + i));
    expect(events.map((e) => e.event)).toEqual(clean);
  });

  it.each([
    ['income', (e: InferenceEventInput) => e.features.income as number],
    ['credit_score', (e: InferenceEventInput) => e.features.credit_score as number],
    ['amount', (e: InferenceEventInput) => e.features.amount as number],
    ['age', (e: InferenceEventInput) => e.features.age as number],
    ['prediction', (e: InferenceEventInput) => e.prediction as number],
  ])('keeps the distribution of %s across the flip (two-sample KS, p not small)', (_name, read) => {
    const { pValue } = ks2samp(numbers(before, read), numbers(after, read));
    expect(pValue).toBeGreaterThan(0.01);
  });

  it('keeps the category shares across the flip', () => {
    for (const feature of ['channel', 'region', 'returning_customer']) {
      const shares = (part: LabelledEvent[]) => {
        const counts = new Map<string, number>();
        for (const e of part) counts.set(String(e.event.features[feature]), (counts.get(String(e.event.features[feature])) ?? 0) + 1);
        return counts;
      };
      const [a, b] = [shares(before), shares(after)];
      for (const [category, n] of a) closeTo({ value: (b.get(category) ?? 0) / after.length, n: after.length }, n / before.length);
    }
  });

  it('predicts with a fixed function of the features, as a deployed model does', () => {
    for (const e of events) expect(e.event.prediction).toBe(demoScore(e.event.features));
  });

  it(`has labels agreeing with the model ${AGREEMENT_BEFORE * 100}% of the time before the flip and ${AGREEMENT_AFTER * 100}% after`, () => {
    closeTo(accuracy(before), AGREEMENT_BEFORE);
    closeTo(accuracy(after), AGREEMENT_AFTER);
  });

  it('labels only --label-share of the events, and the share does not change which label an event gets', () => {
    const partial = run(0.8);
    closeTo({ value: partial.filter((e) => e.label !== null).length / N, n: N }, 0.8);
    partial.forEach((e, i) => {
      if (e.label !== null) expect(e.label).toBe(events[i].label);
    });
    closeTo(accuracy(partial.slice(0, FLIP)), AGREEMENT_BEFORE);
  });

  it('labels the other scenarios with the relation before the flip throughout', () => {
    const g = new EventGenerator({ modelId: 'm', modelVersion: '1', seed: 3, scenario: 'shift', driftFrom: FLIP, runId: 'c' });
    const shifted = Array.from({ length: N }, (_, i) => g.nextLabelled(i));
    closeTo(accuracy(shifted.slice(FLIP)), AGREEMENT_BEFORE);
  });
});
