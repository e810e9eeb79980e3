/**
 * Whether a partition's log is still the one its last flush plan was written against. A topic
 * deleted and created again (or a broker whose data was wiped while ClickHouse's was kept)
 * starts its offsets at 0 again: replayed against the old plan, every offset below the plan's
 * range would be skipped as "already written" with nothing to show for it.
 */
export interface LogResetEvidence {
  /** The plan's range, decimal offsets, both inclusive. */
  readonly planFrom: string;
  readonly planTo: string;
  /** Epoch ms the plan was recorded. */
  readonly plannedAt: number;
  /** The partition's log end offset now (the offset the next record gets). */
  readonly logEnd: string;
  /** The group's committed offset for the partition, or null when it has none. */
  readonly committed: string | null;
  /**
   * The first offset whose record timestamp is at or after `plannedAt` (ListOffsets by time),
   * or null when no record is that recent.
   */
  readonly firstOffsetSincePlan: string | null;
}

export interface LogReset {
  readonly reason: string;
}

/**
 * A reset is certain when the log ends at or before the plan's last offset: that record existed
 * when the plan was written, and a log never shrinks otherwise. When the new log has already
 * grown past the plan, the group's committed offset decides together with record times: Kafka
 * drops a group's offsets with the topic (and a wiped broker has no groups), while the records
 * in the plan's range of the old log were all written before the plan. Offsets that merely
 * expired (a group idle for `offsets.retention.minutes`) leave the old records, older than the
 * plan, in place: not a reset.
 */
export function detectLogReset(e: LogResetEvidence): LogReset | null {
  const planTo = BigInt(e.planTo);
  const logEnd = BigInt(e.logEnd);
  if (logEnd <= planTo) {
    return { reason: `the log ends at offset ${e.logEnd} but the last flush plan covered offsets ${e.planFrom}..${e.planTo}` };
  }
  if (e.committed === null && e.firstOffsetSincePlan !== null && BigInt(e.firstOffsetSincePlan) <= BigInt(e.planFrom)) {
    return {
      reason:
        `the group has no committed offset and the records from offset ${e.firstOffsetSincePlan} on were written after the last flush plan ` +
        `(offsets ${e.planFrom}..${e.planTo}, planned at ${new Date(e.plannedAt).toISOString()})`,
    };
  }
  return null;
}
