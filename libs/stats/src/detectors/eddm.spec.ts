import { describe, expect, it } from 'vitest';
import { delays, itMatchesRiver } from './detector-fixtures.test-util';
import { EDDM, EDDM_DEFAULTS, EDDMSnapshot } from './eddm';

describe('EDDM', () => {
  itMatchesRiver('EDDM', (p) => new EDDM(p), (j) => EDDM.fromJSON(j as EDDMSnapshot));

  it("has River 0.26's defaults", () => {
    expect(EDDM_DEFAULTS).toEqual({ warmStart: 30, alpha: 0.95, beta: 0.9 });
  });

  // With its defaults EDDM (River's as well, see the fixtures) raises false alarms on a stationary 10 %
  // error stream, at 301 and 801 here, so the delay bound is checked with beta = 0.8.
  it('detects the error-rate jump within 100 events, and not before it (alpha 0.9, beta 0.8)', () => {
    const { before, after } = delays(new EDDM({ alpha: 0.9, beta: 0.8 }), 'bernoulli-abrupt-1');
    expect(before).toEqual([]);
    expect(after[0]).toBeLessThanOrEqual(100);
  });

  it('with the defaults fires early on the same stream, as River does', () => {
    const { before, after } = delays(new EDDM(), 'bernoulli-abrupt-1');
    expect(before).toEqual([301, 801]);
    expect(after[0]).toBe(25);
  });

  it("rejects alpha < beta", () => {
    expect(() => new EDDM({ alpha: 0.8, beta: 0.9 })).toThrow(RangeError);
  });
});
