import { CircuitBreaker, type CircuitBreakerPolicy } from '@driftwatch/alerting';

export interface LaneJob {
  /** Runs the delivery; never rejects (the dispatcher turns every outcome into a completion). */
  run(): Promise<void>;
  /** True when the job must not run any more (its partition was revoked): it is dropped unrun. */
  stale(): boolean;
}

export interface LaneLimits {
  concurrency: number;
  queueSize: number;
  breaker: CircuitBreakerPolicy;
}

/**
 * One destination's deliveries: a FIFO queue of at most `queueSize` waiting jobs, at most
 * `concurrency` running (1 keeps the destination's events in order), and the destination's
 * circuit breaker. A slow or dead receiver fills and holds only its own lane.
 */
export class DestinationLane {
  readonly breaker: CircuitBreaker;
  private readonly queue: LaneJob[] = [];
  private running = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly limits: LaneLimits,
    now: () => number = Date.now,
  ) {
    this.breaker = new CircuitBreaker(limits.breaker, now);
  }

  /** Queues a job; false when the queue is full (the caller dead-letters it). */
  offer(job: LaneJob): boolean {
    if (this.closed) return false;
    if (this.queue.length >= this.limits.queueSize) {
      this.dropStale();
      if (this.queue.length >= this.limits.queueSize) return false;
    }
    this.queue.push(job);
    this.pump();
    return true;
  }

  /** Jobs waiting, not running. */
  get waiting(): number {
    return this.queue.length;
  }

  get busy(): boolean {
    return this.running > 0 || this.queue.length > 0;
  }

  /** Stops starting jobs (shutdown); the waiting ones are left undone, uncommitted. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.notifyIdle();
  }

  /** Resolves when nothing runs (after `close`) or nothing is left at all. */
  whenIdle(): Promise<void> {
    if (this.running === 0 && (this.closed || this.queue.length === 0)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private dropStale(): void {
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].stale()) this.queue.splice(i, 1);
  }

  private pump(): void {
    while (!this.closed && this.running < this.limits.concurrency && this.queue.length > 0) {
      const job = this.queue.shift() as LaneJob;
      if (job.stale()) continue;
      this.running += 1;
      void job
        .run()
        .catch(() => undefined)
        .finally(() => {
          this.running -= 1;
          this.pump();
          this.notifyIdle();
        });
    }
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (this.running > 0 || (!this.closed && this.queue.length > 0)) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }
}
