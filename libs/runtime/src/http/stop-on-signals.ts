import { Logger } from '@nestjs/common';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface StoppableApp {
  close(): Promise<void>;
}

export interface SignalStop {
  /** From now on a stop signal closes `app` (flushing, committing, leaving the consumer groups), then exits 0. */
  running(app: StoppableApp, describeStop?: () => string): void;
  /** Removes the handlers (tests). */
  remove(): void;
}

/** Where the signals come from and how the process ends (tests give their own). */
export interface SignalStopHost {
  signals: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
  exit: (code: number) => void;
}

/** What a clean stop does when the service has nothing more specific to say. */
export const DEFAULT_STOP_WORK = 'finishing the batches in hand, committing their offsets and leaving the consumer groups';

/**
 * Stop signals for the life of the process, installed before anything starts so that none of
 * them kills the process half-way (a kill leaves its consumer group members behind, and the
 * next start waits for their sessions to expire).
 *
 * One signal, one stop. A signal sent to a process group reaches this process directly and
 * again through the parents that forward it (`npm start`, tools/start.cjs): SIGTERM and SIGHUP
 * while stopping are therefore the same request and are ignored. A second SIGINT is a person
 * pressing Ctrl-C again: the process exits at once (uncommitted work is consumed again by the
 * next start). A signal during start-up exits at once too: the start may be waiting minutes
 * for a broker.
 */
export function stopOnSignals(name: string, host: SignalStopHost = { signals: process, exit: (code) => process.exit(code) }): SignalStop {
  const { exit } = host;
  const logger = new Logger(name);
  let app: StoppableApp | undefined;
  let describe: () => string = () => DEFAULT_STOP_WORK;
  let stopping = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (!app) {
      process.stderr.write(`driftwatch: ${signal} received while starting, exiting now (nothing was committed that is not written)\n`);
      return exit(0);
    }
    if (stopping) {
      if (signal !== 'SIGINT') return;
      process.stderr.write('driftwatch: SIGINT again, exiting now without finishing (what was not committed is consumed again at the next start)\n');
      return exit(1);
    }
    stopping = true;
    const started = Date.now();
    logger.log(`${signal} received, stopping: ${describe()}`);
    app.close().then(
      () => {
        logger.log(`stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`driftwatch: error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
        exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) host.signals.on(signal, onSignal);

  return {
    running(started, describeStop) {
      app = started;
      if (describeStop) describe = describeStop;
    },
    remove() {
      for (const signal of STOP_SIGNALS) host.signals.off(signal, onSignal);
    },
  };
}
