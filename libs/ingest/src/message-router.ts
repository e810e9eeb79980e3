import { DECODE_FAILURE_CODES, type DecodeResult, type InferenceEvent } from '@driftwatch/contracts';
import { aggregatorClock, futureTimestampReason } from './future-timestamp';

/** What happens to events of a model that has no baseline yet. */
export type UnknownModelPolicy =
  /** Count them (volume, missing, value kinds) and keep a bounded sample for a baseline later. */
  | 'sample'
  /** Count them only. */
  | 'count'
  /** Send them to the dead-letter topic. */
  | 'dlq';

/** What happens to a payload larger than the event size limit. */
export type OversizedPolicy = 'dlq' | 'drop';

/** The aggregator options the routing of one message depends on. */
export interface RoutingPolicy {
  unknownModelPolicy: UnknownModelPolicy;
  oversizedPolicy: OversizedPolicy;
  /** Events stamped further than this ahead of the aggregator clock are dead-lettered; 0 turns the check off. */
  maxFutureSkewMs: number;
  /** Raw events kept per window of a model without a baseline (policy `sample`); 0 keeps none. */
  samplesPerWindow: number;
}

/** One consumed message, decoded, with what routing it needs to know about it. */
export interface RoutableMessage {
  decoded: DecodeResult<InferenceEvent>;
  /** Whether the event's model version has an active baseline (not read when decoding failed). */
  hasBaseline: boolean;
  /** The aggregator's wall clock when the batch is handled. */
  wallClockMs: number;
  /** The Kafka record timestamp (ms as a string), the clock of a replay: see future-timestamp.ts. */
  recordTimestamp: string | undefined;
  /** The raw bytes, read only to label a JSON event that failed validation with its model id. */
  payload?: Buffer | null;
}

/** The code a dead letter's reason starts with (the `dw-reason` header is `<code>: <text>`). */
export const DEAD_LETTER_CODES = [...DECODE_FAILURE_CODES, 'future-timestamp', 'no-baseline'] as const;
export type DeadLetterCode = (typeof DEAD_LETTER_CODES)[number];

/**
 * What to do with one message. Every route moves the partition's offset; `modelId` is for the
 * per-model metric label only (undefined when the message does not tell it).
 *  - `window`: fold the event into its window (the windows then say whether it was accepted or
 *    late). While that window's accumulator has no baseline, keep up to `samples` raw events of
 *    it (0: none).
 *  - `dead-letter`: count it as invalid and send it to the dead-letter topic with `reason`
 *    (unless a replay already did).
 *  - `drop`: count it as invalid (and under its code) but send it nowhere: an oversized payload
 *    under the `drop` policy.
 */
export type MessageRoute =
  | { action: 'window'; event: InferenceEvent; modelId: string; samples: number }
  | { action: 'dead-letter'; code: DeadLetterCode; reason: string; modelId: string | undefined }
  | { action: 'drop'; code: 'payload-too-large'; modelId: undefined };

/**
 * The routing decision for one message, in this order: a message that did not decode is
 * dead-lettered with the decoder's code (or dropped if oversized under the `drop` policy); an
 * event too far ahead of the aggregator clock is dead-lettered (`future-timestamp`); an event of
 * a model version without a baseline is dead-lettered under the `dlq` policy (`no-baseline`);
 * every other event goes to its window.
 */
export function routeMessage(message: RoutableMessage, policy: RoutingPolicy): MessageRoute {
  const result = message.decoded;
  if (!result.ok) {
    if (result.code === 'payload-too-large' && policy.oversizedPolicy === 'drop') {
      return { action: 'drop', code: result.code, modelId: undefined };
    }
    return { action: 'dead-letter', code: result.code, reason: `${result.code}: ${result.reason}`, modelId: modelIdOfInvalid(result, message.payload) };
  }
  const event = result.event;
  const clock = aggregatorClock(message.wallClockMs, message.recordTimestamp);
  const tooFarAhead = futureTimestampReason(event.timestamp, clock, policy.maxFutureSkewMs);
  if (tooFarAhead !== null) {
    return { action: 'dead-letter', code: 'future-timestamp', reason: `future-timestamp: ${tooFarAhead}`, modelId: event.modelId };
  }
  if (!message.hasBaseline && policy.unknownModelPolicy === 'dlq') {
    return {
      action: 'dead-letter',
      code: 'no-baseline',
      reason: `no-baseline: model ${event.modelId} version ${event.modelVersion} has no baseline`,
      modelId: event.modelId,
    };
  }
  const samples = policy.unknownModelPolicy === 'sample' ? policy.samplesPerWindow : 0;
  return { action: 'window', event, modelId: event.modelId, samples };
}

/** The model id of a JSON event that parsed but failed validation, for the metric label only. */
export function modelIdOfInvalid(result: Extract<DecodeResult<InferenceEvent>, { ok: false }>, payload: Buffer | null | undefined): string | undefined {
  if (result.code !== 'invalid' || result.format !== 'json' || !payload) return undefined;
  try {
    const modelId = (JSON.parse(payload.toString('utf8')) as { modelId?: unknown }).modelId;
    return typeof modelId === 'string' && modelId.length > 0 && modelId.length <= 128 ? modelId : undefined;
  } catch {
    return undefined;
  }
}
