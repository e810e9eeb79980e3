/**
 * Event-time watermark of one model in one partition (partition-windows.ts keeps one per
 * model): the largest event time seen minus the out-of-orderness bound. It never moves backwards, so a window once closed stays closed.
 */
export class Watermark {
  private maxEventTime = Number.NEGATIVE_INFINITY;

  constructor(private readonly outOfOrdernessMs: number) {
    if (!(outOfOrdernessMs >= 0)) throw new RangeError(`out-of-orderness must be >= 0 ms, got ${outOfOrdernessMs}`);
  }

  observe(eventTimeMs: number): void {
    if (eventTimeMs > this.maxEventTime) this.maxEventTime = eventTimeMs;
  }

  /** Moves the watermark forward as if an event of `watermarkMs + bound` had been seen; never backwards. */
  advanceTo(eventTimeMs: number): void {
    this.observe(eventTimeMs);
  }

  /** The largest event time seen (or advanced to); null until the first event. */
  get maxEventTimeMs(): number | null {
    return this.maxEventTime === Number.NEGATIVE_INFINITY ? null : this.maxEventTime;
  }

  /**
   * Replaces the state with one saved earlier (null: no event seen). Unlike `advanceTo` this may
   * move backwards: a replay after a restart must start from the state its range started from.
   */
  restore(maxEventTimeMs: number | null): void {
    this.maxEventTime = maxEventTimeMs ?? Number.NEGATIVE_INFINITY;
  }

  /** -Infinity until the first event. */
  get current(): number {
    return this.maxEventTime - this.outOfOrdernessMs;
  }

  /** A window is closed once the watermark has passed its end plus the grace period. */
  isClosed(windowEndMs: number, graceMs: number): boolean {
    return this.current >= windowEndMs + graceMs;
  }
}
