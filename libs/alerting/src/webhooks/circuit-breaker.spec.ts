import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures, not before, and a success resets the count', () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 1_000 }, c.now);
    breaker.onFailure();
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();
    breaker.onFailure();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    breaker.onFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('says how long until a probe may go: the rest of openMs, and a while longer while another probe is out', () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 10_000 }, c.now);
    expect(breaker.msUntilProbe()).toBe(0);
    breaker.onFailure();
    c.advance(4_000);
    expect(breaker.msUntilProbe()).toBe(6_000);
    c.advance(6_000);
    expect(breaker.msUntilProbe()).toBe(0);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.msUntilProbe()).toBeGreaterThan(0);
    breaker.onFailure();
    expect(breaker.msUntilProbe()).toBe(10_000);
  });

  it('lets exactly one probe through after openMs; its success closes the circuit', () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 1_000 }, c.now);
    breaker.onFailure();
    c.advance(999);
    expect(breaker.tryAcquire()).toBe(false);
    c.advance(1);
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.onSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.consecutiveFailures).toBe(0);
  });

  it('a failed probe opens the circuit for another openMs', () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, openMs: 500 }, c.now);
    breaker.onFailure();
    breaker.onFailure();
    c.advance(500);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.onFailure();
    expect(breaker.state).toBe('open');
    c.advance(499);
    expect(breaker.tryAcquire()).toBe(false);
    c.advance(1);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('a released probe lets the next caller probe instead of staying half-open for good', () => {
    const c = clock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 100 }, c.now);
    breaker.onFailure();
    c.advance(100);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.release();
    expect(breaker.tryAcquire()).toBe(true);
  });
});
