import type { InferenceEvent } from '../events/inference-event';
import type { ContractLimits } from '../validation/contract-limits';
import type { SchemaRegistryConfig } from './schema-registry';
import type { DecodeFormat, WireFormat } from './wire-format';

/** Lets a consumer count and route failures (DLQ, metrics) without parsing the reason. */
export const DECODE_FAILURE_CODES = ['empty-payload', 'payload-too-large', 'malformed', 'unknown-schema', 'incompatible-schema', 'invalid'] as const;
export type DecodeFailureCode = (typeof DECODE_FAILURE_CODES)[number];

export type DecodeResult<T = InferenceEvent> =
  | { ok: true; event: T; format: WireFormat }
  | { ok: false; reason: string; code: DecodeFailureCode; format?: WireFormat };

export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

export interface DecodeOptions {
  format: DecodeFormat;
  /** Writer schemas for Confluent-framed Avro. */
  registry?: SchemaRegistryConfig;
  /** Larger payloads are rejected before parsing; default 1 MiB. */
  maxBytes?: number;
  limits?: Partial<ContractLimits>;
}

export type EncodeFormat = WireFormat;

export interface EncodeOptions {
  /** Required for 'confluent': the id under which consumers know the canonical schema. */
  schemaId?: number;
  /** JSON only: write event time as epoch ms (default) or as an ISO-8601 string. */
  jsonTimestamp?: 'epoch-millis' | 'iso';
  limits?: Partial<ContractLimits>;
}
