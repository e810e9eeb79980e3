import { randomUUID } from 'node:crypto';
import { encodeInferenceEvent, encodeLabelEvent, type LabelEvent } from '@driftwatch/contracts';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { BoundedSender, type SenderCounts } from './bounded-sender';
import { resolveOptions, type MonitorOptions, type ResolvedOptions } from './monitor-options';
import { sampled } from './sampling.util';
import { featuresRecord, labelValue, predictionValue, timestampValue, type FeatureInput, type PredictionInput, type TimeInput } from './values.util';

export interface MonitorStats extends SenderCounts {
  /** Refused because an input could not be encoded (only when not strict). */
  invalid: number;
  /** Skipped by `sampleRate`. */
  sampledOut: number;
  /** Waiting to be sent. */
  inQueue: number;
}

export interface LogOptions {
  eventId?: string;
  timestamp?: TimeInput;
}

/**
 * Publishes one message per inference to `inference-events` and one per label to
 * `inference-labels`, keyed by model id, encoded by `@driftwatch/contracts` (JSON or plain
 * Avro). `log` and `logLabel` never wait for the broker and never throw for broker trouble:
 * messages wait in a bounded queue, sent in batches; when the queue is full they are dropped and
 * counted (`stats().dropped`).
 */
export class Monitor {
  private readonly options: ResolvedOptions;
  private readonly sender: BoundedSender;
  private invalid = 0;
  private sampledOut = 0;
  private readonly onBeforeExit?: () => void;

  constructor(options: MonitorOptions) {
    this.options = resolveOptions(options);
    const o = this.options;
    const kafka = new Kafka({
      clientId: `driftwatch-client-${o.modelId}`,
      brokers: o.brokers,
      ssl: o.ssl,
      sasl: o.sasl,
      // kafkajs logs every refused connection at ERROR; failures reach `onError` instead.
      logLevel: logLevel.NOTHING,
      ...o.kafka,
    });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    this.sender = new BoundedSender(producer, { maxQueue: o.maxQueue, batchSize: o.batchSize, lingerMs: o.lingerMs, onError: o.onError });
    if (o.closeOnExit) {
      this.onBeforeExit = () => void this.close();
      process.once('beforeExit', this.onBeforeExit);
    }
  }

  /** Publishes one inference and returns its event id (generated unless given), for `logLabel`. */
  log(features: Record<string, FeatureInput>, prediction?: PredictionInput, opts: LogOptions = {}): string {
    const eventId = opts.eventId ?? randomUUID();
    if (!sampled(eventId, this.options.sampleRate)) {
      this.sampledOut++;
      return eventId;
    }
    let payload: Buffer;
    try {
      payload = this.eventPayload(eventId, features, prediction, opts.timestamp);
    } catch (error) {
      this.refuse(error as Error);
      return eventId;
    }
    this.sender.push(this.options.eventsTopic, this.options.modelId, payload);
    return eventId;
  }

  /** Publishes the ground truth of an earlier `log`; `timestamp` is when it became known (default now). */
  logLabel(eventId: string, label: LabelEvent['label'], timestamp?: TimeInput): void {
    if (typeof eventId === 'string' && eventId && !sampled(eventId, this.options.sampleRate)) {
      this.sampledOut++;
      return;
    }
    let payload: Buffer;
    try {
      payload = this.labelPayload(eventId, label, timestamp);
    } catch (error) {
      this.refuse(error as Error);
      return;
    }
    this.sender.push(this.options.labelsTopic, this.options.modelId, payload);
  }

  /** The bytes `log` publishes for these arguments; throws on input that cannot be encoded. */
  eventPayload(eventId: string, features: Record<string, FeatureInput>, prediction?: PredictionInput, timestamp?: TimeInput): Buffer {
    const o = this.options;
    return encodeInferenceEvent(
      { eventId, modelId: o.modelId, modelVersion: o.modelVersion, timestamp: timestampValue(timestamp), features: featuresRecord(features), prediction: predictionValue(prediction) },
      o.format,
    );
  }

  /** The bytes `logLabel` publishes for these arguments. */
  labelPayload(eventId: string, label: LabelEvent['label'], timestamp?: TimeInput): Buffer {
    return encodeLabelEvent({ eventId, modelId: this.options.modelId, timestamp: timestampValue(timestamp), label: labelValue(label) }, this.options.format);
  }

  /** Resolves once every queued message was sent (or failed), or after `timeoutMs`. */
  flush(timeoutMs = 10_000): Promise<void> {
    return this.sender.flush(timeoutMs);
  }

  /** Flushes (up to `timeoutMs`), then disconnects; later messages are dropped. Idempotent. */
  async close(timeoutMs = 10_000): Promise<void> {
    if (this.onBeforeExit) process.removeListener('beforeExit', this.onBeforeExit);
    await this.sender.close(timeoutMs);
  }

  stats(): MonitorStats {
    return { ...this.sender.counts, invalid: this.invalid, sampledOut: this.sampledOut, inQueue: this.sender.size };
  }

  private refuse(error: Error): void {
    if (this.options.strict) throw error;
    this.invalid++;
    this.options.onError?.(error, { messages: 1 });
  }
}
