/**
 * When each simulated event is due to be sent (wall clock) and the event time it carries.
 *
 * Events are paced at `rate` per second, so the run lasts events / rate seconds. With
 * `timeScale` 1 an event's time is the moment it is due: real time. With a larger scale event
 * time runs that many times faster and the events start further in the past, so that the last
 * one is stamped at about the moment it is sent: no event is ever stamped ahead of the clock
 * (the aggregator dead-letters events far in the future, and any future event would push its
 * watermark and make later real traffic late).
 */
export class EventClock {
  readonly realDurationMs: number;
  readonly spanMs: number;
  private readonly firstStampMs: number;

  constructor(
    readonly startMs: number,
    readonly events: number,
    readonly rate: number,
    readonly timeScale: number,
  ) {
    this.realDurationMs = (events / rate) * 1000;
    this.spanMs = this.realDurationMs * timeScale;
    this.firstStampMs = startMs - (this.spanMs - this.realDurationMs);
  }

  /** Wall-clock time at which event `index` may be sent. */
  dueAt(index: number): number {
    return this.startMs + Math.ceil((index * 1000) / this.rate);
  }

  /**
   * Event time of event `index`, in epoch ms: never after dueAt(index), since
   * stamp − due = −(span − realDuration) · (1 − index / events) ≤ 0.
   */
  stamp(index: number): number {
    return Math.floor(this.firstStampMs + (index * this.spanMs) / this.events);
  }
}
