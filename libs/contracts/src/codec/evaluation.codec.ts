import { isUtf8 } from 'node:buffer';
import type { EvaluationMessage } from '../events/evaluation';
import { resolveLimits } from '../validation/contract-limits';
import { validateEvaluation } from '../validation/evaluation.validator';
import { ContractValidationError } from '../validation/validation-result';
import { kindOf } from '../validation/value-kind.util';
import { DEFAULT_MAX_PAYLOAD_BYTES, type DecodeOptions, type DecodeResult } from './decode-result';
import { messageOf } from './schema-registry';

export { validateEvaluation } from '../validation/evaluation.validator';

// JSON only on driftwatch.evaluations: an internal topic whose findings carry free-form
// evidence (`details`) that an Avro schema would have to flatten; readable with
// kafka-console-consumer when debugging.
const JSON_OPTIONS: Omit<DecodeOptions, 'format'> = {};

/** Decodes and validates; never throws (a bad message must reach the DLQ, not stop a consumer). */
export function decodeEvaluation(bytes: Buffer, opts: Omit<DecodeOptions, 'format' | 'registry'> = JSON_OPTIONS): DecodeResult<EvaluationMessage> {
  try {
    if (!bytes || bytes.length === 0) return { ok: false, code: 'empty-payload', reason: 'empty payload' };
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    if (bytes.length > maxBytes) {
      return { ok: false, code: 'payload-too-large', reason: `payload too large: ${bytes.length} bytes > limit of ${maxBytes} bytes` };
    }
    if (!isUtf8(bytes)) return { ok: false, code: 'malformed', reason: 'malformed JSON: not valid UTF-8', format: 'json' };
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (err) {
      return { ok: false, code: 'malformed', reason: `malformed JSON: ${messageOf(err)}`, format: 'json' };
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, code: 'malformed', reason: `expected a JSON object, got ${kindOf(value)}`, format: 'json' };
    }
    const checked = validateEvaluation(value, resolveLimits(opts.limits));
    if (!checked.ok) return { ok: false, code: 'invalid', reason: checked.reason, format: 'json' };
    return { ok: true, event: checked.value, format: 'json' };
  } catch (err) {
    return { ok: false, code: 'malformed', reason: `undecodable payload: ${messageOf(err)}` };
  }
}

/** Validates then encodes as UTF-8 JSON; throws ContractValidationError on an invalid message. */
export function encodeEvaluation(message: EvaluationMessage): Buffer {
  const checked = validateEvaluation(message);
  if (!checked.ok) throw new ContractValidationError('EvaluationMessage', checked.issues);
  return Buffer.from(JSON.stringify(message), 'utf8');
}
