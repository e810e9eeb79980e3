export interface CircuitBreakerPolicy {
  /** Consecutive failed attempts (no answer, timeout, 5xx, 408, 429) that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses attempts before one probe is let through (half-open). */
  openMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER_POLICY: Readonly<CircuitBreakerPolicy> = Object.freeze({ failureThreshold: 5, openMs: 60_000 });

/** How soon to ask again while another delivery's probe is out (its report decides the state). */
const PROBE_PENDING_MS = 1_000;

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * The circuit of one destination, as a state machine over injected time: closed until
 * `failureThreshold` consecutive failures, then open for `openMs` (every attempt refused), then
 * half-open: exactly one probe attempt goes through; its success closes the circuit, its failure
 * opens it for another `openMs`. An answer that is not a failure of the receiver (2xx, other 4xx)
 * counts as a success: the receiver is alive.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private probing = false;

  constructor(
    private readonly policy: CircuitBreakerPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.probing || this.now() - this.openedAt >= this.policy.openMs ? 'half-open' : 'open';
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Whether an attempt may go now; in half-open only the first caller (the probe) gets true until it reports. */
  tryAcquire(): boolean {
    if (this.openedAt === undefined) return true;
    if (this.probing) return false;
    if (this.now() - this.openedAt < this.policy.openMs) return false;
    this.probing = true;
    return true;
  }

  /** How long until `tryAcquire` may let a probe through: 0 when closed or due; a probe already out waits for its report. */
  msUntilProbe(): number {
    if (this.openedAt === undefined) return 0;
    const left = this.openedAt + this.policy.openMs - this.now();
    if (this.probing) return Math.max(left, PROBE_PENDING_MS);
    return Math.max(0, left);
  }

  /** The attempt let through was not made after all (refused before sending): the next caller may probe instead. */
  release(): void {
    this.probing = false;
  }

  onSuccess(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.probing = false;
  }

  onFailure(): void {
    this.failures += 1;
    if (this.probing || this.failures >= this.policy.failureThreshold) {
      this.openedAt = this.now();
      this.probing = false;
    }
  }
}
