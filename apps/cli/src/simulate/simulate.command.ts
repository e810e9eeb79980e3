import type { Command } from 'commander';
import { ApiClient, EXIT_API_UNAVAILABLE } from '../api-client/api-client';
import { apiOption, runApiCommand, tokenOption } from '../api-client/api-command';
import { EXIT_OK, oneLine } from '../cli-error';
import type { CliIo } from '../cli-io';
import { addFormatOption } from '../output-format';
import { Progress } from '../progress';
import type { BaselineOutcome } from './demo-baseline';
import { DRIFT_SCENARIOS, SCENARIO_NAMES, type ScenarioName } from './drift-scenarios';
import type { EventPublisher } from './event-publisher';
import type { RawSimulateOptions } from './simulate-options';

const HELP = `
Publishes synthetic inference events of a demo credit model (8 features: income, age,
credit_score, amount, tenure_months, region, channel, returning_customer; a score as the
prediction) to Kafka, so a running Driftwatch (\`npm start\`) has something to watch. The
events are the same for the same --seed.

--drift injects one failure from --drift-after (a share of the events) on, and the incidents
it raises under the default policy:
${SCENARIO_NAMES.filter((n) => n !== 'none')
  .map((n) => scenarioHelp(n))
  .join('\n')}

--drift concept keeps the events exactly as in training and publishes labels on
inference-labels (JSON): before the flip (--drift-after) they agree with the model's decision
90% of the time, after it 10%. Each label is sent --label-delay after its event (default 30s;
e.g. 500ms, 30s, 2m), only --label-share of the events ever get one (default 0.8), and the run
lasts until the last label is sent. Data-drift checks stay quiet; performance_degradation
opens once the labelled windows after the flip are judged.

--baseline first stores a baseline for the model version through the API (from 5,000 rows of
the clean generator, with feature importance, the prediction as @prediction and the model's
performance on labels drawn as before the flip), unless it has one. Without a baseline
Driftwatch only counts and samples the events.

Event time: events are sent at --rate per second and stamped with the time they are sent, so
the defaults cover 10 s (one or two 60 s windows). --time-scale N makes event time run N times
faster: the events then start in the past (N × events / rate seconds ago) and the last one is
stamped about when it is sent; nothing is stamped ahead of the clock. Events older than what
the aggregator has already seen on their partition count as late: do not overlap two
compressed runs of one model.

Exit codes: 0 sent; 2 bad usage, or the API refused the baseline; 3 Kafka or the API is not
reachable; 130 interrupted by Ctrl-C (after the summary of what was sent). Kafka is --brokers,
else KAFKA_BROKERS, else 127.0.0.1:9092; the topic --topic, else DRIFTWATCH_TOPIC_EVENTS, else
inference-events. TLS and SASL come from KAFKA_SSL* and KAFKA_SASL_*, as for the services
(docs/security.md).

Example:
  driftwatch simulate --model demo --baseline --drift shift
  driftwatch simulate --model demo-concept --baseline --drift concept --label-delay 30s
  curl 'localhost:8080/api/incidents?model=demo'`;

/** One scenario of --help: what it does → the incident it is for, then any it raises too, with why. */
function scenarioHelp(name: ScenarioName): string {
  const { description, expect, also } = DRIFT_SCENARIOS[name];
  const extra = also.map((a) => `\n  ${''.padEnd(13)}  + ${a.kind} (${a.severity}) on ${a.feature}: ${a.why}`).join('');
  return `  ${name.padEnd(13)}${description} → ${expect?.kind}${extra}`;
}

/** Ctrl-C: the shell's convention, 128 + SIGINT. */
const EXIT_INTERRUPTED = 130;

/** `driftwatch simulate`: synthetic traffic, with an optional failure, for a running Driftwatch. */
export function registerSimulateCommand(program: Command, io: CliIo): Command {
  const simulate = program
    .command('simulate')
    .description('publish synthetic inference events (optionally drifting) to watch Driftwatch work')
    .requiredOption('--model <id>', 'model id of the events')
    .option('--model-version <version>', 'model version of the events', '1')
    .option('--events <n>', 'number of events', '20000')
    .option('--rate <n>', 'events per second', '2000')
    .option('--drift <scenario>', `failure to inject: ${SCENARIO_NAMES.join(', ')}`, 'none')
    .option('--drift-after <share>', 'share of the events sent before the failure starts (0 to 1)', '0.5')
    .option('--time-scale <n>', 'event time runs this many times faster than the clock (≥ 1)', '1')
    .option('--seed <n>', 'seed of the generator', '1')
    .option('--baseline', "first create the model version's baseline through the API, unless it has one")
    .option('--brokers <list>', 'Kafka brokers host:port[,…] (default: KAFKA_BROKERS, else 127.0.0.1:9092)')
    .option('--topic <name>', 'topic of the events (default: DRIFTWATCH_TOPIC_EVENTS, else inference-events)')
    .option('--label-delay <duration>', 'concept: time from an event to its label, e.g. 500ms, 30s, 2m (default: 30s)')
    .option('--label-share <share>', 'concept: share of the events that ever get a label, above 0 to 1 (default: 0.8)')
    .option('--labels-topic <name>', 'concept: topic of the labels (default: DRIFTWATCH_TOPIC_LABELS, else inference-labels)')
    .addOption(apiOption())
    .addOption(tokenOption())
    .addHelpText('after', HELP);
  addFormatOption(simulate);
  simulate.action(async (raw: RawSimulateOptions) => {
    let interrupted = false;
    const code = await runSimulateCommand(io, async () => {
      interrupted = await simulateAction(raw, io);
    });
    io.setExitCode(code === EXIT_OK && interrupted ? EXIT_INTERRUPTED : code);
  });
  return simulate;
}

/** runApiCommand's exit codes, plus 3 when Kafka is unreachable. */
async function runSimulateCommand(io: CliIo, action: () => Promise<void>): Promise<number> {
  try {
    return await runApiCommand(io, action);
  } catch (error) {
    const { BrokerUnavailableError } = await import('./event-publisher');
    if (error instanceof BrokerUnavailableError) {
      io.stderr(`driftwatch: ${oneLine(error.message)}\n`);
      return EXIT_API_UNAVAILABLE;
    }
    throw error;
  }
}

/** Returns whether the run was interrupted (Ctrl-C). */
async function simulateAction(raw: RawSimulateOptions, io: CliIo): Promise<boolean> {
  // Loaded when the command runs: the Kafka client and the simulation take a quarter of a
  // second to load, which every other command (compare above all) would otherwise pay at start.
  const [{ parseSimulateOptions }, { ensureDemoBaseline }, { EventPublisher }, { runSimulation }, { renderSummary, simulationSummary }] = await Promise.all([
    import('./simulate-options'),
    import('./demo-baseline'),
    import('./event-publisher'),
    import('./run-simulation'),
    import('./simulation-summary'),
  ]);
  const options = parseSimulateOptions(raw, process.env, io.stdoutIsTTY);
  const progress = new Progress(io);
  let baseline: BaselineOutcome | null = null;
  if (options.baseline) {
    progress.step(`checking the baseline of ${options.model} version ${options.modelVersion}`);
    try {
      baseline = await ensureDemoBaseline(new ApiClient(options.api, undefined, options.token), options.model, options.modelVersion, options.seed);
    } finally {
      progress.done();
    }
  }
  progress.step(`connecting to ${options.brokers.join(',')}`);
  let publisher: EventPublisher;
  let labelPublisher: EventPublisher | undefined;
  try {
    publisher = await EventPublisher.connect(options.brokers, options.topic, options.kafkaSecurity);
    if (options.labels !== null) {
      labelPublisher = await EventPublisher.connect(options.brokers, options.labels.topic, options.kafkaSecurity).catch(async (error: unknown) => {
        await publisher.close();
        throw error;
      });
    }
  } finally {
    progress.done();
  }
  // Ctrl-C stops after the batch in flight, so what was sent is summed up, not lost in a stack trace.
  let stopped = false;
  const onSignal = (): void => {
    stopped = true;
  };
  process.once('SIGINT', onSignal);
  let result;
  try {
    result = await runSimulation(
      options,
      publisher,
      {
        stopped: () => stopped,
        onProgress: ({ sent, labelsSent, labelsPending }) => {
          const events = `sent ${sent} / ${options.events} events to ${options.topic}${sent > options.driftFrom ? ` (drift: ${options.scenario})` : ''}`;
          const labels = options.labels === null ? '' : `, ${labelsSent} labels to ${options.labels.topic} (${labelsPending} waiting)`;
          progress.step(`${events}${labels}`);
        },
      },
      labelPublisher,
    );
  } finally {
    process.removeListener('SIGINT', onSignal);
    progress.done();
    await publisher.close();
    await labelPublisher?.close();
  }
  const summary = simulationSummary(options, result, baseline);
  io.stdout(options.format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : renderSummary(summary));
  return result.interrupted;
}
