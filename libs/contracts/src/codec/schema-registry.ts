import type { Type } from 'avsc';
import { forGuardedSchema } from './avro-guard';

/**
 * Writer schemas for the Confluent wire format, by schema id, as configured by the operator
 * (the Avro schema as JSON text or as a parsed object). Treat it as immutable once used:
 * compiled schemas are cached per config object.
 */
export interface SchemaRegistryConfig {
  schemas: Readonly<Record<number, string | object>>;
}

export type WriterResolution =
  | { ok: true; writer: Type; resolver: ReturnType<Type['createResolver']> }
  | { ok: false; code: 'unknown-schema' | 'incompatible-schema'; reason: string };

type ResolutionCache = Map<number, WriterResolution>;

// Per registry config, per canonical reader: building an avsc type and resolver costs far
// more than decoding one message, so it happens once per schema id.
const caches = new WeakMap<SchemaRegistryConfig, WeakMap<Type, ResolutionCache>>();

export function resolveWriterSchema(
  registry: SchemaRegistryConfig | undefined,
  schemaId: number,
  reader: Type,
  readerName: string,
): WriterResolution {
  if (!registry) {
    return {
      ok: false,
      code: 'unknown-schema',
      reason: `unknown schema id ${schemaId}: Confluent wire format (magic byte 0) but no writer schemas are configured`,
    };
  }
  let byReader = caches.get(registry);
  if (!byReader) caches.set(registry, (byReader = new WeakMap()));
  let cache = byReader.get(reader);
  if (!cache) byReader.set(reader, (cache = new Map()));
  let resolution = cache.get(schemaId);
  if (!resolution) {
    resolution = compile(registry, schemaId, reader, readerName);
    cache.set(schemaId, resolution);
  }
  return resolution;
}

function compile(registry: SchemaRegistryConfig, schemaId: number, reader: Type, readerName: string): WriterResolution {
  const schemas = registry.schemas as Record<string, string | object>;
  if (!Object.prototype.hasOwnProperty.call(schemas, String(schemaId))) {
    const known = Object.keys(schemas).join(', ') || 'none';
    return { ok: false, code: 'unknown-schema', reason: `unknown schema id ${schemaId} (configured ids: ${known})` };
  }
  let writer: Type;
  try {
    const source = schemas[String(schemaId)];
    const schema = typeof source === 'string' ? JSON.parse(source) : source;
    // 'auto': a writer may use unions avsc cannot unwrap (long and double); resolution still
    // produces the reader's plain values.
    writer = forGuardedSchema(schema, { wrapUnions: 'auto' });
  } catch (err) {
    return { ok: false, code: 'incompatible-schema', reason: `schema id ${schemaId}: invalid Avro schema: ${messageOf(err)}` };
  }
  try {
    // Namespaces are ignored so that a producer's own namespace (com.acme.InferenceEvent)
    // resolves; the record name itself must match, as Avro requires.
    const resolver = reader.createResolver(writer, { ignoreNamespaces: true });
    return { ok: true, writer, resolver };
  } catch (err) {
    return {
      ok: false,
      code: 'incompatible-schema',
      reason: `schema id ${schemaId}: cannot be read as the canonical ${readerName} schema: ${messageOf(err)}`,
    };
  }
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
