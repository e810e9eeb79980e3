import type { WindowClosedMessage } from '../events/window-closed';
import { WINDOW_CLOSED_SCHEMA } from '../schemas/window-closed.schema';
import { validateWindowClosed } from '../validation/window-closed.validator';
import { createContractCodec } from './contract-codec';
import type { DecodeOptions, DecodeResult, EncodeFormat, EncodeOptions } from './decode-result';

export const windowClosedCodec = createContractCodec<WindowClosedMessage>({
  name: 'WindowClosed',
  schema: WINDOW_CLOSED_SCHEMA,
  validate: validateWindowClosed,
  toAvro: (message) => message,
  // Internal message: times stay epoch ms whatever jsonTimestamp says.
  toJson: (message) => message,
});

// JSON by default on driftwatch.windows: the topic is ours, low volume, and readable with
// kafka-console-consumer when debugging.
const JSON_OPTIONS: DecodeOptions = { format: 'json' };

export function decodeWindowClosed(bytes: Buffer, opts: DecodeOptions = JSON_OPTIONS): DecodeResult<WindowClosedMessage> {
  return windowClosedCodec.decode(bytes, opts);
}

/** Validates then encodes; throws ContractValidationError on an invalid message. */
export function encodeWindowClosed(
  message: WindowClosedMessage,
  format: EncodeFormat = 'json',
  opts?: EncodeOptions,
): Buffer {
  return windowClosedCodec.encode(message, format, opts);
}
