import { type ForSchemaOptions, Type, types } from 'avsc';

// avsc 5.7.9 reads a map or array block count from the payload and then loops that many
// times even when the buffer is exhausted: six bytes announcing 2^40 map entries hang the
// decoder, and a large array count grows memory until the process dies. One such message
// on inference-events would stop the pipeline. avsc freezes its types, so the guard is a
// subclass of its map and array types, installed through the public `typeHook` option, whose
// read/skip run the same loop plus one check: every entry takes at least one byte (a map key
// is a string, so always), hence a block announcing more entries than bytes remain is
// corrupt. Resolvers copy the reader's `_read`, so resolution is guarded too. The overridden
// methods and the Tap are avsc internals, stable through 5.x; avro-guard.spec.ts hangs or
// fails if an upgrade changes them.

interface Tap {
  buf: Buffer;
  pos: number;
  readLong(): number;
  skipLong(): void;
  readString(): string | undefined;
  skipString(): void;
}

interface Codec {
  _read(tap: Tap): unknown;
  _skip(tap: Tap): void;
}

export class AvroPayloadError extends Error {}

function readBlockCount(tap: Tap): number {
  let n = tap.readLong();
  if (n < 0) {
    n = -n;
    tap.skipLong(); // block size in bytes, not needed when reading entry by entry
  }
  const remaining = tap.buf.length - tap.pos;
  if (n > 0 && n > remaining) {
    throw new AvroPayloadError(`block of ${n} entries but only ${Math.max(remaining, 0)} bytes left`);
  }
  return n;
}

function readMap(this: { valuesType: Codec }, tap: Tap): Record<string, unknown> {
  const values = this.valuesType;
  const map: Record<string, unknown> = {};
  let n: number;
  while ((n = readBlockCount(tap))) {
    while (n--) {
      const key = tap.readString();
      if (key === undefined) throw new AvroPayloadError('truncated payload');
      const value = values._read(tap);
      // A plain assignment to "__proto__" would replace the object's prototype.
      if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
      else map[key] = value;
    }
  }
  return map;
}

function skipMap(this: { valuesType: Codec }, tap: Tap): void {
  const values = this.valuesType;
  let n: number;
  while ((n = tap.readLong())) {
    if (n < 0) {
      const blockBytes = tap.readLong(); // read first: `tap.pos += …` would add to the stale position
      tap.pos += blockBytes;
      continue;
    }
    if (n > tap.buf.length - tap.pos) throw new AvroPayloadError(`block of ${n} entries exceeds the payload`);
    while (n--) {
      tap.skipString();
      values._skip(tap);
    }
  }
}

function readArray(this: { itemsType: Codec }, tap: Tap): unknown[] {
  const items = this.itemsType;
  const out: unknown[] = [];
  let n: number;
  while ((n = readBlockCount(tap))) {
    while (n--) out.push(items._read(tap));
  }
  return out;
}

function skipArray(this: { itemsType: Codec }, tap: Tap): void {
  const items = this.itemsType;
  let n: number;
  while ((n = tap.readLong())) {
    if (n < 0) {
      const blockBytes = tap.readLong(); // read first: `tap.pos += …` would add to the stale position
      tap.pos += blockBytes;
      continue;
    }
    if (n > tap.buf.length - tap.pos) throw new AvroPayloadError(`block of ${n} entries exceeds the payload`);
    while (n--) items._skip(tap);
  }
}

// The base classes are plain constructor functions missing from avsc's typings.
type TypeConstructor = new (schema: object, opts: object) => Type;
const { MapType, ArrayType } = types as unknown as { MapType: TypeConstructor; ArrayType: TypeConstructor };

class GuardedMapType extends MapType {}
Object.assign(GuardedMapType.prototype, { _read: readMap, _skip: skipMap });

class GuardedArrayType extends ArrayType {}
Object.assign(GuardedArrayType.prototype, { _read: readArray, _skip: skipArray });

function guardHook(schema: unknown, opts: object): Type | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  const kind = (schema as { type?: unknown }).type;
  if (kind === 'map') return new GuardedMapType(schema, opts);
  if (kind === 'array') return new GuardedArrayType(schema, opts);
  return undefined;
}

/** `Type.forSchema` with bounded map and array reads everywhere in the schema. */
export function forGuardedSchema(schema: unknown, opts: Partial<ForSchemaOptions> = {}): Type {
  return Type.forSchema(schema as Parameters<typeof Type.forSchema>[0], {
    ...opts,
    typeHook: guardHook as ForSchemaOptions['typeHook'],
  });
}
