export interface WaitForOptions {
  /** Pause between two checks; the evaluator's latency bench polls faster to time evaluations finely. */
  intervalMs?: number;
  /** Extra detail for the timeout error, read only when it is thrown (e.g. what has arrived so far). */
  describe?: () => string;
}

/** Polls `condition` until it holds, or fails after `timeoutMs` naming what was awaited. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  { intervalMs = 100, describe }: WaitForOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? `: ${describe()}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
