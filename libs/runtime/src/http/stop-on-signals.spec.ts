import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_STOP_WORK, stopOnSignals, type SignalStop } from './stop-on-signals';

describe('stopOnSignals', () => {
  let signals: EventEmitter;
  let exits: number[];
  let logged: string[];
  let stderr: string[];
  let stop: SignalStop | undefined;

  beforeEach(() => {
    signals = new EventEmitter();
    exits = [];
    logged = [];
    stderr = [];
    vi.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => void logged.push(String(message)));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (stderr.push(String(chunk)), true));
  });

  afterEach(() => {
    stop?.remove();
    vi.restoreAllMocks();
  });

  function start(): SignalStop {
    stop = stopOnSignals('test', { signals, exit: (code) => void exits.push(code) });
    return stop;
  }

  /** An app whose close resolves when the test says so. */
  function slowApp(): { close: () => Promise<void>; closes: () => number; finish: () => void } {
    let closes = 0;
    let finish!: () => void;
    const closed = new Promise<void>((resolve) => (finish = resolve));
    return {
      close: () => {
        closes += 1;
        return closed;
      },
      closes: () => closes,
      finish: () => finish(),
    };
  }

  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('closes the app once for a SIGTERM that arrives twice (group and forwarded), logs one stop line and exits 0', async () => {
    const app = slowApp();
    start().running(app, () => 'writing 3 open windows');
    signals.emit('SIGTERM', 'SIGTERM');
    signals.emit('SIGTERM', 'SIGTERM');
    signals.emit('SIGHUP', 'SIGHUP');
    expect(app.closes()).toBe(1);
    app.finish();
    await settle();
    expect(exits).toEqual([0]);
    expect(logged.filter((l) => l.includes('received, stopping'))).toEqual(['SIGTERM received, stopping: writing 3 open windows']);
    expect(logged.some((l) => /^stopped in \d+\.\d s$/.test(l))).toBe(true);
    expect(stderr.join('')).not.toContain('again');
  });

  it('takes a second SIGINT (Ctrl-C pressed again) as "exit now", with code 1', async () => {
    const app = slowApp();
    start().running(app);
    signals.emit('SIGINT', 'SIGINT');
    expect(logged).toEqual([`SIGINT received, stopping: ${DEFAULT_STOP_WORK}`]);
    // Ctrl-C reaches the app directly and, as SIGTERM, through tools/start.cjs: still one stop.
    signals.emit('SIGTERM', 'SIGTERM');
    expect(exits).toEqual([]);
    signals.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([1]);
    expect(stderr.join('')).toContain('SIGINT again, exiting now');
  });

  it('exits 1 naming the error when the close fails', async () => {
    start().running({ close: () => Promise.reject(new Error('store busy')) });
    signals.emit('SIGTERM', 'SIGTERM');
    await settle();
    expect(exits).toEqual([1]);
    expect(stderr.join('')).toContain('error while stopping: store busy');
  });

  it('exits at once when the signal comes before the app runs (a start may wait long for a broker)', () => {
    start();
    signals.emit('SIGTERM', 'SIGTERM');
    expect(exits).toEqual([0]);
    expect(stderr.join('')).toContain('SIGTERM received while starting, exiting now');
  });

  it('leaves the signals alone once removed', () => {
    const app = slowApp();
    start().running(app);
    stop!.remove();
    signals.emit('SIGTERM', 'SIGTERM');
    expect(app.closes()).toBe(0);
  });
});
