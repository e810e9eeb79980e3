import { describe, expect, it } from 'vitest';
import { mapOrdered } from './ordered-pool.util';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mapOrdered', () => {
  it('keeps the items order whatever order the work finishes in, and never runs more than the limit', async () => {
    let running = 0;
    let peak = 0;
    const delays = [30, 5, 20, 1, 15, 2, 8];
    const out = await mapOrdered(delays, 3, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await tick(ms);
      running--;
      return `${i}:${ms}`;
    });
    expect(out).toEqual(delays.map((ms, i) => `${i}:${ms}`));
    expect(peak).toBe(3);
  });

  it('runs every item before throwing the first failure in item order', async () => {
    const done: number[] = [];
    const failing = mapOrdered([0, 1, 2, 3, 4], 2, async (i) => {
      await tick(i === 1 ? 20 : 1);
      done.push(i);
      if (i === 1 || i === 3) throw new Error(`item ${i}`);
      return i;
    });
    await expect(failing).rejects.toThrow('item 1');
    expect([...done].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses a limit below one', async () => {
    await expect(mapOrdered([1], 0, async (x) => x)).rejects.toThrow(/limit must be a positive integer, got 0/);
  });
});
