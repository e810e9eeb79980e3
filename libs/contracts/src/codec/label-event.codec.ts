import type { LabelEvent, LabelEventInput } from '../events/label-event';
import { INFERENCE_LABEL_SCHEMA } from '../schemas/inference-label.schema';
import { validateLabelEvent } from '../validation/label-event.validator';
import { createContractCodec, type Decoder } from './contract-codec';
import type { DecodeOptions, DecodeResult, EncodeFormat, EncodeOptions } from './decode-result';

export const labelEventCodec = createContractCodec<LabelEvent>({
  name: 'InferenceLabel',
  schema: INFERENCE_LABEL_SCHEMA,
  validate: validateLabelEvent,
  toAvro: (label) => label,
  toJson: (label, opts) =>
    opts.jsonTimestamp === 'iso' ? { ...label, timestamp: new Date(label.timestamp).toISOString() } : label,
});

/** Decodes and validates one payload from inference-labels. Never throws on bad input. */
export function decodeLabelEvent(bytes: Buffer, opts: DecodeOptions): DecodeResult<LabelEvent> {
  return labelEventCodec.decode(bytes, opts);
}

export function createLabelEventDecoder(opts: DecodeOptions): Decoder<LabelEvent> {
  return labelEventCodec.createDecoder(opts);
}

/** Validates then encodes; throws ContractValidationError on an invalid label. */
export function encodeLabelEvent(label: LabelEventInput, format: EncodeFormat = 'json', opts?: EncodeOptions): Buffer {
  return labelEventCodec.encode(label, format, opts);
}
