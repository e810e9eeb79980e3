import { describe, expect, it } from 'vitest';
import { DestinationLane, type LaneJob } from './destination-lane';

const BREAKER = { failureThreshold: 3, openMs: 1_000 };

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('DestinationLane', () => {
  it('runs at most `concurrency` jobs, in order, and refuses beyond `queueSize` waiting', async () => {
    const lane = new DestinationLane({ concurrency: 1, queueSize: 2, breaker: BREAKER });
    const started: number[] = [];
    const gates = [gate(), gate(), gate()];
    const job = (i: number): LaneJob => ({
      stale: () => false,
      run: async () => {
        started.push(i);
        await gates[i].promise;
      },
    });
    expect(lane.offer(job(0))).toBe(true);
    expect(lane.offer(job(1))).toBe(true);
    expect(lane.offer(job(2))).toBe(true);
    expect(lane.offer(job(2))).toBe(false);
    expect(started).toEqual([0]);
    gates[0].open();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1]);
    gates[1].open();
    gates[2].open();
    await lane.whenIdle();
    expect(started).toEqual([0, 1, 2]);
    expect(lane.busy).toBe(false);
  });

  it('drops stale jobs unrun, making room for new ones', async () => {
    const lane = new DestinationLane({ concurrency: 1, queueSize: 1, breaker: BREAKER });
    const blocker = gate();
    let stale = false;
    const ran: string[] = [];
    lane.offer({ stale: () => false, run: () => blocker.promise });
    lane.offer({ stale: () => stale, run: async () => void ran.push('revoked') });
    stale = true;
    expect(lane.offer({ stale: () => false, run: async () => void ran.push('fresh') })).toBe(true);
    blocker.open();
    await lane.whenIdle();
    expect(ran).toEqual(['fresh']);
  });

  it('close leaves waiting jobs unrun and resolves once the running one ends', async () => {
    const lane = new DestinationLane({ concurrency: 1, queueSize: 5, breaker: BREAKER });
    const blocker = gate();
    const ran: number[] = [];
    lane.offer({ stale: () => false, run: () => blocker.promise });
    lane.offer({ stale: () => false, run: async () => void ran.push(1) });
    lane.close();
    let idle = false;
    const waiting = lane.whenIdle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(idle).toBe(false);
    blocker.open();
    await waiting;
    expect(ran).toEqual([]);
    expect(lane.offer({ stale: () => false, run: async () => undefined })).toBe(false);
  });
});
