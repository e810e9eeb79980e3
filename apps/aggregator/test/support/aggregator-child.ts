// A real aggregator process for the crash tests: `node -r swc-register.cjs aggregator-child.ts`.
// Configuration from the environment like the service itself; additionally
//   CRASH_AT=<stage>:<flush number>  kill -9 itself right after that flush stage,
//   FLUSH_MS, MAX_BYTES_PER_PARTITION  consumer pacing.
// Prints "committed <partition> <toOffset>" after every commit so the parent can follow progress.
import 'reflect-metadata';
import { loadConfig } from '@driftwatch/config';
import { startAggregatorApp } from '../../src/bootstrap';
import type { FlushStage } from '../../src/aggregator.options';

const [crashStage, crashFlush] = (process.env.CRASH_AT ?? '').split(':');

startAggregatorApp({
  // Several children run at once: each on a free port.
  httpPort: 0,
  config: loadConfig(process.env, { aggregator: { flushIntervalMs: Number(process.env.FLUSH_MS ?? 100) } }),
  aggregator: {
    consumer: {
      maxWaitTimeMs: 50,
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 500,
      restartDelayMs: 100,
      maxBytesPerPartition: Number(process.env.MAX_BYTES_PER_PARTITION ?? 64 * 1024),
    },
    onFlushStage: (stage: FlushStage, info) => {
      if (stage === 'committed') process.stdout.write(`committed ${info.partition} ${info.toOffset}\n`);
      if (stage === crashStage && info.flushNumber >= Number(crashFlush)) {
        process.stdout.write(`crashing after ${stage} of flush ${info.flushNumber}\n`);
        process.kill(process.pid, 'SIGKILL');
      }
    },
  },
}).then(
  () => process.stdout.write('ready\n'),
  (error: Error) => {
    process.stderr.write(`aggregator-child: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
