import { describe, expect, it } from 'vitest';
import { AGREEMENT_BEFORE } from './concept-labels';
import { buildDemoBaseline } from './demo-baseline';
import { DECISION_THRESHOLD } from './demo-model';
import { baselineLabels, baselineRows } from './event-generator';

describe('buildDemoBaseline: performance', () => {
  const built = buildDemoBaseline(1, 4_000);

  it('carries the model performance of labels drawn with the relation before the concept flip', () => {
    expect(built.performance).toMatchObject({ task: 'binary', positiveClass: 'true', classes: ['false', 'true'], labelled: 4_000 });
    // The accuracy is the share of labels agreeing with the decision: counted here without the metrics code.
    const rows = baselineRows(4_000, 1);
    const labels = baselineLabels(rows, 1);
    const agree = rows.filter((r, i) => (r.prediction >= DECISION_THRESHOLD) === labels[i]).length;
    expect(built.performance?.metrics.accuracy).toBeCloseTo(agree / 4_000, 12);
    expect(Math.abs(agree / 4_000 - AGREEMENT_BEFORE)).toBeLessThan(4 * Math.sqrt((0.9 * 0.1) / 4_000));
    // A label agreeing with the decision 90% of the time ranks positives above negatives far better than chance.
    expect(built.performance?.metrics.rocAuc).toBeGreaterThan(0.8);
  });

  it('is the same for the same seed', () => {
    expect(buildDemoBaseline(1, 4_000).performance).toEqual(built.performance);
  });
});
