import { describe, expect, it } from 'vitest';
import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns once the condition holds, checking it again after each interval', async () => {
    let calls = 0;
    await waitFor('the third check', () => ++calls === 3, 5_000, { intervalMs: 5 });
    expect(calls).toBe(3);
  });

  it('awaits asynchronous conditions', async () => {
    let calls = 0;
    await waitFor('an async answer', async () => ++calls >= 2, 5_000, { intervalMs: 5 });
    expect(calls).toBe(2);
  });

  it('fails naming what it waited for and for how long, with the detail asked for', async () => {
    await expect(waitFor('the impossible', () => false, 30, { intervalMs: 5, describe: () => '0 of 3 seen' })).rejects.toThrow(
      'timed out after 30 ms waiting for the impossible: 0 of 3 seen',
    );
    await expect(waitFor('the impossible', () => false, 30, { intervalMs: 5 })).rejects.toThrow(/^timed out after 30 ms waiting for the impossible$/);
  });

  it('lets an error of the condition through at once', async () => {
    await expect(
      waitFor('a broken check', () => {
        throw new Error('prometheus exited');
      }),
    ).rejects.toThrow('prometheus exited');
  });
});
