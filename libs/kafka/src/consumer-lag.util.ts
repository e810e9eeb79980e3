/**
 * Records of a partition not yet handled: the partition's high watermark (the offset the next
 * produced record gets) minus the next offset to handle. Never negative: kafkajs' batch high
 * watermark is read at fetch time, so a later batch may already be past it.
 */
export function consumerLag(highWatermark: string, nextOffset: string | bigint): number {
  const lag = BigInt(highWatermark) - BigInt(nextOffset);
  return lag > 0n ? Number(lag) : 0;
}
