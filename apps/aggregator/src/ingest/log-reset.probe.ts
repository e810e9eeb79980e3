import { detectLogReset, type LogReset } from '@driftwatch/ingest';
import type { IngestFlushPlan } from '@driftwatch/store';
import type { Admin, Kafka } from 'kafkajs';

/**
 * Asks the broker what detectLogReset (@driftwatch/ingest) needs about the partitions that
 * have a flush plan: the log end, the group's committed offset, and the first offset written
 * since the plan. kafkajs exposes no topic id (its Metadata requests predate them), so a
 * recreated topic is recognised by its offsets and record times instead.
 */
export class LogResetProbe {
  constructor(
    private readonly kafka: Kafka,
    private readonly group: string,
  ) {}

  async check(topic: string, plans: ReadonlyMap<number, IngestFlushPlan>): Promise<Map<number, LogReset>> {
    const resets = new Map<number, LogReset>();
    if (plans.size === 0) return resets;
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
      const [committedTopic] = await admin.fetchOffsets({ groupId: this.group, topics: [topic] });
      const committed = new Map((committedTopic?.partitions ?? []).map((p) => [p.partition, p.offset]));
      for (const [partition, plan] of plans) {
        const logEnd = ends.get(partition);
        if (logEnd === undefined) continue;
        const evidence = {
          planFrom: plan.fromOffset,
          planTo: plan.toOffset,
          plannedAt: plan.plannedAt,
          logEnd,
          committed: validOffset(committed.get(partition)),
          firstOffsetSincePlan: null as string | null,
        };
        // The lookup by time is only needed when the cheap evidence leaves the question open.
        if (evidence.committed === null && BigInt(logEnd) > BigInt(plan.toOffset)) {
          const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, plan.plannedAt);
          const found = byTime.find((p) => p.partition === partition)?.offset;
          // -1 or the log end: no record that recent.
          evidence.firstOffsetSincePlan = found !== undefined && BigInt(found) >= 0n && BigInt(found) < BigInt(logEnd) ? found : null;
        }
        const reset = detectLogReset(evidence);
        if (reset) resets.set(partition, reset);
      }
      return resets;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

/** kafkajs reports "no committed offset" as -1. */
function validOffset(offset: string | undefined): string | null {
  return offset === undefined || offset === '' || BigInt(offset) < 0n ? null : offset;
}
