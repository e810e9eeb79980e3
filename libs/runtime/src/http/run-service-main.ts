import { ConfigError } from '@driftwatch/config';
import { stopOnSignals } from './stop-on-signals';

/**
 * The `main` of a distributed service: stop signals handled from the first moment (see
 * stopOnSignals), `start` run, and a failure to start printed as one `driftwatch: …` line for an
 * operator mistake (invalid configuration), with its stack otherwise, exiting 1.
 */
export function runServiceMain<App extends { close(): Promise<void> }>(name: string, start: () => Promise<App>, describeStop?: (app: App) => string): void {
  const signals = stopOnSignals(name);
  start().then(
    (app) => signals.running(app, describeStop && (() => describeStop(app))),
    (error: Error) => {
      process.stderr.write(`driftwatch: ${error instanceof ConfigError ? `invalid configuration: ${error.problems.join('; ')}` : (error.stack ?? error.message)}\n`);
      process.exit(1);
    },
  );
}
