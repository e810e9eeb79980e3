import type { InferenceEvent, InferenceEventInput } from '../events/inference-event';
import { INFERENCE_EVENT_SCHEMA } from '../schemas/inference-event.schema';
import { validateInferenceEvent } from '../validation/inference-event.validator';
import { createContractCodec, type Decoder } from './contract-codec';
import type { DecodeOptions, DecodeResult, EncodeFormat, EncodeOptions } from './decode-result';

export const inferenceEventCodec = createContractCodec<InferenceEvent>({
  name: 'InferenceEvent',
  schema: INFERENCE_EVENT_SCHEMA,
  validate: validateInferenceEvent,
  toAvro: (event) => ({ ...event, prediction: event.prediction ?? null }),
  toJson: (event, opts) =>
    opts.jsonTimestamp === 'iso' ? { ...event, timestamp: new Date(event.timestamp).toISOString() } : event,
});

/** Decodes and validates one payload from inference-events. Never throws on bad input. */
export function decodeInferenceEvent(bytes: Buffer, opts: DecodeOptions): DecodeResult<InferenceEvent> {
  return inferenceEventCodec.decode(bytes, opts);
}

/** A decoder with its options compiled once, for the consumer's hot loop. */
export function createInferenceEventDecoder(opts: DecodeOptions): Decoder<InferenceEvent> {
  return inferenceEventCodec.createDecoder(opts);
}

/** Validates then encodes; throws ContractValidationError on an invalid event. */
export function encodeInferenceEvent(
  event: InferenceEventInput,
  format: EncodeFormat = 'json',
  opts?: EncodeOptions,
): Buffer {
  return inferenceEventCodec.encode(event, format, opts);
}
