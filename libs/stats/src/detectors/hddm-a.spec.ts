import { describe, expect, it } from 'vitest';
import { delays, itMatchesRiver } from './detector-fixtures.test-util';
import { HDDM_A_DEFAULTS, HDDMA, HDDMASnapshot } from './hddm-a';

describe('HDDMA', () => {
  itMatchesRiver('HDDM_A', (p) => new HDDMA(p), (j) => HDDMA.fromJSON(j as HDDMASnapshot));

  it("has River 0.26's defaults", () => {
    expect(HDDM_A_DEFAULTS).toEqual({ driftConfidence: 0.001, warningConfidence: 0.005, twoSidedTest: false });
  });

  it('detects the error-rate jump within 50 events, and not before it', () => {
    const { before, after } = delays(new HDDMA(), 'bernoulli-abrupt-1');
    expect(before).toEqual([]);
    expect(after[0]).toBeLessThanOrEqual(50);
  });

  it('detects a decrease only when two-sided', () => {
    expect(delays(new HDDMA(), 'bernoulli-decrease-1').after).toEqual([]);
    expect(delays(new HDDMA({ twoSidedTest: true }), 'bernoulli-decrease-1').after.length).toBeGreaterThan(0);
  });
});
