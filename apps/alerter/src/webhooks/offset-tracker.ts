/**
 * The offsets of one partition in one assignment generation, each done once every delivery of
 * its event is (delivered, or dead-lettered). `doneThrough` is the highest offset with nothing
 * pending at or below it: what may be committed. Deliveries run per destination and finish out of
 * order, so a commit never gets ahead of a delivery still waiting in memory.
 */
export class OffsetTracker {
  // In offset order (offsets are added as the partition is read, in order).
  private readonly entries: { offset: bigint; remaining: number }[] = [];
  private readonly byOffset = new Map<string, { offset: bigint; remaining: number }>();
  private through: bigint | undefined;
  private revokedFlag = false;

  constructor(readonly generation: number) {}

  /** Records an offset with `deliveries` still to finish (0: done at once). Offsets at or below one seen are ignored. */
  add(offset: string, deliveries: number): void {
    const value = BigInt(offset);
    const last = this.entries.at(-1)?.offset ?? this.through;
    if (last !== undefined && value <= last) return;
    const entry = { offset: value, remaining: deliveries };
    this.entries.push(entry);
    this.byOffset.set(offset, entry);
    this.advance();
  }

  /** One delivery of the event at `offset` is finished. */
  complete(offset: string): void {
    const entry = this.byOffset.get(offset);
    if (!entry || entry.remaining === 0) return;
    entry.remaining -= 1;
    this.advance();
  }

  doneThrough(): string | undefined {
    return this.through === undefined ? undefined : String(this.through);
  }

  /** Offsets still waiting for a delivery. */
  get pending(): number {
    return this.entries.length;
  }

  /** The partition left this member: its queued deliveries are dropped (the next owner redelivers them). */
  revoke(): void {
    this.revokedFlag = true;
  }

  get revoked(): boolean {
    return this.revokedFlag;
  }

  private advance(): void {
    while (this.entries.length > 0 && this.entries[0].remaining === 0) {
      const done = this.entries.shift() as { offset: bigint };
      this.byOffset.delete(String(done.offset));
      this.through = done.offset;
    }
  }
}
