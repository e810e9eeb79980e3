import type { CliIo } from './cli-io';

/**
 * Status line for long work, on stderr and only when stderr is a terminal, so pipes and
 * CI logs get nothing but the result.
 */
export class Progress {
  private shown = false;
  private readonly started = Date.now();

  constructor(private readonly io: CliIo) {}

  step(message: string): void {
    if (!this.io.stderrIsTTY) return;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    this.io.stderr(`\r\x1b[2K${message} (${seconds}s)`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.io.stderr('\r\x1b[2K');
    this.shown = false;
  }
}
