import { ConfigError, loadKafkaSecurity, type KafkaSecurityConfig } from '@driftwatch/config';
import { ContractValidationError, encodeInferenceEvent } from '@driftwatch/contracts';
import { TOPICS } from '@driftwatch/kafka';
import { resolveApiToken, resolveApiUrl } from '../api-client/api-client';
import { CliError } from '../cli-error';
import { resolveOutputFormat, type OutputFormat } from '../output-format';
import { SCENARIO_NAMES, type ScenarioName } from './drift-scenarios';

/** Options of `simulate` as commander hands them over. */
export interface RawSimulateOptions {
  model: string;
  modelVersion?: string;
  events?: string;
  rate?: string;
  drift?: string;
  driftAfter?: string;
  timeScale?: string;
  seed?: string;
  baseline?: boolean;
  brokers?: string;
  topic?: string;
  labelDelay?: string;
  labelShare?: string;
  labelsTopic?: string;
  api?: string;
  token?: string;
  format?: string;
}

/** The labels published with --drift concept. */
export interface LabelOptions {
  /** Wall-clock time between an event being sent and its label. */
  delayMs: number;
  /** Share of the events that ever get a label. */
  share: number;
  topic: string;
}

export interface SimulateOptions {
  model: string;
  modelVersion: string;
  events: number;
  rate: number;
  scenario: ScenarioName;
  /** Index of the first drifted event. */
  driftFrom: number;
  timeScale: number;
  seed: number;
  baseline: boolean;
  brokers: string[];
  /** TLS and SASL from KAFKA_SSL* / KAFKA_SASL_*, the same variables the services read. */
  kafkaSecurity: KafkaSecurityConfig;
  topic: string;
  /** null: no labels are published (every scenario but concept). */
  labels: LabelOptions | null;
  api: string;
  /** --token / DRIFTWATCH_TOKEN, for storing the demo baseline. */
  token?: string;
  format: OutputFormat;
  /** Window size the aggregator uses (DRIFTWATCH_WINDOW_SECONDS), for the summary only. */
  windowMs: number;
}

const BROKER = /^[^\s:,]+:\d{1,5}$/;
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;
/** Backfilled event time beyond a week would only make the aggregator's retention and rollups odd. */
const MAX_SPAN_MS = 7 * 24 * 3600 * 1000;

/** Everything checked before any connection; errors are CliError (exit code 2). */
export function parseSimulateOptions(raw: RawSimulateOptions, env: NodeJS.ProcessEnv, stdoutIsTTY: boolean): SimulateOptions {
  const modelVersion = raw.modelVersion ?? '1';
  checkIds(raw.model, modelVersion);
  const events = integer('--events', raw.events, 20_000, 1, 10_000_000);
  const rate = integer('--rate', raw.rate, 2_000, 1, 100_000);
  const scenario = (raw.drift ?? 'none') as ScenarioName;
  if (!SCENARIO_NAMES.includes(scenario)) {
    throw new CliError(`unknown --drift ${JSON.stringify(raw.drift)} (use one of ${SCENARIO_NAMES.join(', ')})`);
  }
  const driftAfter = decimal('--drift-after', raw.driftAfter, 0.5, 0, 1);
  const timeScale = decimal('--time-scale', raw.timeScale, 1, 1, 100_000);
  if ((events / rate) * 1000 * timeScale > MAX_SPAN_MS) {
    throw new CliError(`--events / --rate × --time-scale covers more than 7 days of event time; lower --time-scale`);
  }
  const brokerText = raw.brokers ?? (env.KAFKA_BROKERS || '127.0.0.1:9092');
  const brokers = brokerText.split(',').map((b) => b.trim()).filter(Boolean);
  const badBroker = brokers.find((b) => !BROKER.test(b));
  if (brokers.length === 0 || badBroker !== undefined) {
    const from = raw.brokers !== undefined ? '--brokers' : 'KAFKA_BROKERS';
    throw new CliError(`${from} must be host:port[,host:port…], got ${JSON.stringify(brokerText)}`);
  }
  const topic = raw.topic ?? (env.DRIFTWATCH_TOPIC_EVENTS || TOPICS.events);
  if (!TOPIC.test(topic)) throw new CliError(`--topic must be a Kafka topic name (letters, digits, . _ -), got ${JSON.stringify(topic)}`);
  const labels = labelOptions(raw, scenario, env);
  if (labels !== null && labels.topic === topic) throw new CliError(`--labels-topic and --topic both name ${JSON.stringify(topic)}: labels and events go to different topics`);
  const windowSeconds = Number(env.DRIFTWATCH_WINDOW_SECONDS || 60);
  return {
    model: raw.model,
    modelVersion,
    events,
    rate,
    scenario,
    driftFrom: scenario === 'none' ? events : Math.round(events * driftAfter),
    timeScale,
    seed: integer('--seed', raw.seed, 1, 0, 0xffffffff),
    baseline: raw.baseline === true,
    brokers,
    kafkaSecurity: kafkaSecurity(env),
    topic,
    labels,
    api: resolveApiUrl(raw.api, env),
    token: resolveApiToken(raw.token, env),
    format: resolveOutputFormat(raw.format, stdoutIsTTY),
    windowMs: Number.isFinite(windowSeconds) && windowSeconds > 0 ? windowSeconds * 1000 : 60_000,
  };
}

function kafkaSecurity(env: NodeJS.ProcessEnv): KafkaSecurityConfig {
  try {
    return loadKafkaSecurity(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`Kafka security settings: ${error.problems.join('; ')}`);
    throw error;
  }
}

/** Labels wait at most an hour: the process stays alive until the last one is sent. */
const MAX_LABEL_DELAY_MS = 3_600_000;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

function labelOptions(raw: RawSimulateOptions, scenario: ScenarioName, env: NodeJS.ProcessEnv): LabelOptions | null {
  if (scenario !== 'concept') {
    for (const [option, value] of [['--label-delay', raw.labelDelay], ['--label-share', raw.labelShare], ['--labels-topic', raw.labelsTopic]] as const) {
      if (value !== undefined) throw new CliError(`${option} applies to --drift concept only (the other scenarios publish no labels)`);
    }
    return null;
  }
  const share = decimal('--label-share', raw.labelShare, 0.8, 0, 1);
  if (share === 0) throw new CliError('--label-share must be above 0 (a share of 0 would publish no label at all)');
  const topic = raw.labelsTopic ?? (env.DRIFTWATCH_TOPIC_LABELS || TOPICS.labels);
  if (!TOPIC.test(topic)) throw new CliError(`--labels-topic must be a Kafka topic name (letters, digits, . _ -), got ${JSON.stringify(topic)}`);
  return { delayMs: parseDuration('--label-delay', raw.labelDelay ?? '30s'), share, topic };
}

/** `500ms`, `30s`, `1.5m`, `1h`: a number and a unit, at most an hour. */
export function parseDuration(option: string, text: string): number {
  const m = DURATION.exec(text.trim());
  const ms = m === null ? NaN : Math.round(Number(m[1]) * UNIT_MS[m[2]]);
  if (!(ms >= 0 && ms <= MAX_LABEL_DELAY_MS)) {
    throw new CliError(`${option} must be a duration with its unit (e.g. 500ms, 30s, 2m) of at most 1h, got ${JSON.stringify(text)}`);
  }
  return ms;
}

/** The contract's own checks on the ids (length, characters), through a sample event. */
function checkIds(model: string, modelVersion: string): void {
  try {
    encodeInferenceEvent({ eventId: 'check', modelId: model, modelVersion, timestamp: Date.now(), features: {} });
  } catch (error) {
    if (error instanceof ContractValidationError) throw new CliError(`--model / --model-version: ${error.message}`);
    throw error;
  }
}

function integer(option: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliError(`${option} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

function decimal(option: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new CliError(`${option} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}
