/**
 * Runs `run` every `intervalMs`, counted from the end of the previous run, so runs never
 * overlap however long one takes; `stop()` waits for the run in flight. An interval of 0 or
 * less never starts (the setting that turns a timer off). A failed run is reported and the
 * next one still comes.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly run: () => Promise<unknown>,
    private readonly onError: (error: Error) => void,
  ) {}

  start(): void {
    if (this.intervalMs <= 0) return;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.run().catch((error: Error) => this.onError(error));
      void this.running.then(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
