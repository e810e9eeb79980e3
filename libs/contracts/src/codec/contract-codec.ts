import { isUtf8 } from 'node:buffer';
import type { Type } from 'avsc';
import { type ContractLimits, resolveLimits } from '../validation/contract-limits';
import { ContractValidationError, type ValidationResult } from '../validation/validation-result';
import { kindOf } from '../validation/value-kind.util';
import { forGuardedSchema } from './avro-guard';
import {
  DEFAULT_MAX_PAYLOAD_BYTES,
  type DecodeOptions,
  type DecodeResult,
  type EncodeFormat,
  type EncodeOptions,
} from './decode-result';
import { messageOf, resolveWriterSchema } from './schema-registry';
import { CONFLUENT_HEADER_BYTES, detectWireFormat, frameConfluent, readConfluentHeader, type WireFormat } from './wire-format';

/** What differs between the contracts; the framing, limits and error handling do not. */
export interface ContractSpec<T> {
  /** For messages: "InferenceEvent". */
  name: string;
  schema: object;
  validate(value: unknown, limits: Readonly<ContractLimits>): ValidationResult<T>;
  /** The record avsc writes: absent optional fields as null. */
  toAvro(value: T): unknown;
  /** The JSON object to stringify, honouring `jsonTimestamp`. */
  toJson(value: T, opts: EncodeOptions): unknown;
}

export type Decoder<T> = (bytes: Buffer) => DecodeResult<T>;

export interface ContractCodec<T> {
  /** The canonical schema compiled with avsc (unions unwrapped, bounded map/array reads). */
  readonly type: Type;
  createDecoder(opts: DecodeOptions): Decoder<T>;
  decode(bytes: Buffer, opts: DecodeOptions): DecodeResult<T>;
  encode(value: unknown, format?: EncodeFormat, opts?: EncodeOptions): Buffer;
}

type Parsed = { ok: true; value: unknown } | Extract<DecodeResult<never>, { ok: false }>;

export function createContractCodec<T>(spec: ContractSpec<T>): ContractCodec<T> {
  // 'never' makes avsc refuse an ambiguous union at load time instead of wrapping it, so
  // decoded values are always plain JavaScript values.
  const type = forGuardedSchema(spec.schema, { wrapUnions: 'never', omitRecordMethods: true });

  const parse = (bytes: Buffer, format: WireFormat, opts: DecodeOptions): Parsed => {
    if (format === 'json') {
      if (!isUtf8(bytes)) return { ok: false, code: 'malformed', reason: 'malformed JSON: not valid UTF-8', format };
      let value: unknown;
      try {
        value = JSON.parse(bytes.toString('utf8'));
      } catch (err) {
        return { ok: false, code: 'malformed', reason: `malformed JSON: ${messageOf(err)}`, format };
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { ok: false, code: 'malformed', reason: `expected a JSON object, got ${kindOf(value)}`, format };
      }
      return { ok: true, value };
    }
    let start = 0;
    let resolver: ReturnType<Type['createResolver']> | undefined;
    if (format === 'confluent') {
      const header = readConfluentHeader(bytes);
      if (!header.ok) return { ok: false, code: 'malformed', reason: header.reason, format };
      const writer = resolveWriterSchema(opts.registry, header.schemaId, type, spec.name);
      if (!writer.ok) return { ok: false, code: writer.code, reason: writer.reason, format };
      start = CONFLUENT_HEADER_BYTES;
      resolver = writer.resolver;
    }
    const what = format === 'confluent' ? 'malformed Avro (Confluent wire format)' : 'malformed Avro';
    try {
      const { value, offset } = type.decode(bytes, start, resolver);
      if (offset < 0) return { ok: false, code: 'malformed', reason: `${what}: truncated or corrupt payload`, format };
      if (offset < bytes.length) {
        return { ok: false, code: 'malformed', reason: `${what}: ${bytes.length - offset} bytes left after the record`, format };
      }
      return { ok: true, value };
    } catch (err) {
      return { ok: false, code: 'malformed', reason: `${what}: ${messageOf(err)}`, format };
    }
  };

  const createDecoder = (opts: DecodeOptions): Decoder<T> => {
    const limits = resolveLimits(opts.limits);
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    return (bytes) => {
      try {
        if (!bytes || bytes.length === 0) return { ok: false, code: 'empty-payload', reason: 'empty payload' };
        if (bytes.length > maxBytes) {
          return {
            ok: false,
            code: 'payload-too-large',
            reason: `payload too large: ${bytes.length} bytes > limit of ${maxBytes} bytes`,
          };
        }
        const format = detectWireFormat(bytes, opts.format);
        const parsed = parse(bytes, format, opts);
        if (!parsed.ok) return parsed;
        const checked = spec.validate(parsed.value, limits);
        if (!checked.ok) return { ok: false, code: 'invalid', reason: checked.reason, format };
        return { ok: true, event: checked.value, format };
      } catch (err) {
        // Never throw on input: a surprise here must reach the DLQ, not stop the consumer.
        return { ok: false, code: 'malformed', reason: `undecodable payload: ${messageOf(err)}` };
      }
    };
  };

  // One compiled decoder per options object, so callers passing a constant pay nothing.
  const decoders = new WeakMap<DecodeOptions, Decoder<T>>();
  const decode = (bytes: Buffer, opts: DecodeOptions): DecodeResult<T> => {
    let decoder = decoders.get(opts);
    if (!decoder) decoders.set(opts, (decoder = createDecoder(opts)));
    return decoder(bytes);
  };

  const encode = (value: unknown, format: EncodeFormat = 'json', opts: EncodeOptions = {}): Buffer => {
    const checked = spec.validate(value, resolveLimits(opts.limits));
    if (!checked.ok) throw new ContractValidationError(spec.name, checked.issues);
    switch (format) {
      case 'json':
        return Buffer.from(JSON.stringify(spec.toJson(checked.value, opts)), 'utf8');
      case 'avro':
        return type.toBuffer(spec.toAvro(checked.value));
      case 'confluent':
        if (opts.schemaId === undefined) throw new RangeError('encoding the Confluent wire format needs opts.schemaId');
        return frameConfluent(opts.schemaId, type.toBuffer(spec.toAvro(checked.value)));
      default:
        throw new RangeError(`unknown encode format ${JSON.stringify(format)}: expected json, avro or confluent`);
    }
  };

  return { type, createDecoder, decode, encode };
}
