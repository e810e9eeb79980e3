import { describe, expect, it } from 'vitest';
import { detectLogReset, type LogResetEvidence } from './log-reset';

const plan = { planFrom: '500', planTo: '799', plannedAt: Date.UTC(2026, 0, 1) };
const evidence = (over: Partial<LogResetEvidence>): LogResetEvidence => ({ ...plan, logEnd: '800', committed: '800', firstOffsetSincePlan: null, ...over });

describe('detectLogReset', () => {
  it('sees nothing wrong when the log reaches past the plan', () => {
    expect(detectLogReset(evidence({}))).toBeNull();
    expect(detectLogReset(evidence({ logEnd: '5000', committed: '500', firstOffsetSincePlan: '800' }))).toBeNull();
  });

  it('calls a log that ends inside or before the plan a reset', () => {
    expect(detectLogReset(evidence({ logEnd: '0', committed: null }))?.reason).toMatch(/log ends at offset 0 but the last flush plan covered offsets 500\.\.799/);
    expect(detectLogReset(evidence({ logEnd: '799', committed: '800' }))).not.toBeNull();
  });

  it('calls a grown new log a reset only when the group lost its offsets and the records are newer than the plan', () => {
    expect(detectLogReset(evidence({ logEnd: '3000', committed: null, firstOffsetSincePlan: '0' }))?.reason).toMatch(/no committed offset/);
    // Expired offsets over the old log: its records in the plan's range predate the plan.
    expect(detectLogReset(evidence({ logEnd: '3000', committed: null, firstOffsetSincePlan: '800' }))).toBeNull();
    expect(detectLogReset(evidence({ logEnd: '3000', committed: null, firstOffsetSincePlan: null }))).toBeNull();
    // A committed offset means the group's position survived: the log is the same.
    expect(detectLogReset(evidence({ logEnd: '3000', committed: '800', firstOffsetSincePlan: '0' }))).toBeNull();
  });
});
