/**
 * Events stamped far ahead of now would push their partition's watermark ahead and turn every
 * later, correctly stamped event into a late one; they are dead-lettered instead.
 *
 * "Now" for a message is the earlier of the aggregator's wall clock and the message's Kafka
 * record timestamp. The record timestamp is stored with the message, so a replay after a crash
 * (the exactly-once flush protocol, apps/aggregator/README.md), which runs later on the wall
 * clock, judges the message exactly as the first run did; otherwise an event rejected at first
 * could be counted on replay. Taking the earlier one also keeps a consumer that catches up on a
 * backlog from accepting an event that was far ahead when it was produced. A record without a
 * usable timestamp (-1, 0) falls back to the wall clock.
 */
export function aggregatorClock(wallClockMs: number, recordTimestamp: string | undefined): number {
  const record = recordTimestamp === undefined ? NaN : Number(recordTimestamp);
  return Number.isFinite(record) && record > 0 && record < wallClockMs ? record : wallClockMs;
}

/**
 * Why an event at `eventTimeMs` is too far ahead of `clockMs`, or null when it is not.
 * `maxSkewMs` 0 turns the check off.
 */
export function futureTimestampReason(eventTimeMs: number, clockMs: number, maxSkewMs: number): string | null {
  if (maxSkewMs <= 0) return null;
  const ahead = eventTimeMs - clockMs;
  if (!(ahead > maxSkewMs)) return null;
  return `timestamp ${isoOrRaw(eventTimeMs)} is ${formatAhead(ahead)} ahead of the aggregator clock (limit ${maxSkewMs / 1000} s)`;
}

/** Rounded down to the largest unit that still gives at least 2, so the skew is never overstated. */
export function formatAhead(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s >= 2 * 86_400) return `${Math.floor(s / 86_400)} days`;
  if (s >= 2 * 3_600) return `${Math.floor(s / 3_600)} h`;
  if (s >= 2 * 60) return `${Math.floor(s / 60)} min`;
  return `${s} s`;
}

/** The decoder bounds timestamps to years 0001–9999; this never throws on a hand-built event either. */
function isoOrRaw(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}
