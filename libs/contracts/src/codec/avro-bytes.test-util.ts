// Avro binary encoding written by hand from the specification
// (https://avro.apache.org/docs/1.11.1/specification/#binary-encoding), so tests can check
// our codecs against the format itself rather than against avsc's own output.

/** long/int: zigzag, then little-endian base-128 varint. Arithmetic, not bit operations, to reach 2^53. */
export function long(n: number): Buffer {
  let z = n >= 0 ? n * 2 : -n * 2 - 1;
  const bytes: number[] = [];
  while (z >= 0x80) {
    bytes.push((z % 0x80) | 0x80);
    z = Math.floor(z / 0x80);
  }
  bytes.push(z);
  return Buffer.from(bytes);
}

export function string(s: string): Buffer {
  const utf8 = Buffer.from(s, 'utf8');
  return Buffer.concat([long(utf8.length), utf8]);
}

export function double(x: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(x);
  return b;
}

export function boolean(x: boolean): Buffer {
  return Buffer.from([x ? 1 : 0]);
}

/** A union value: the branch index, then the value. */
export function branch(index: number, value: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([long(index), value]);
}

/** A map as one block of entries and the terminating zero count. */
export function map(entries: [string, Buffer][]): Buffer {
  if (entries.length === 0) return long(0);
  return Buffer.concat([long(entries.length), ...entries.flatMap(([k, v]) => [string(k), v]), long(0)]);
}

/** The same map written as a negative count followed by the block's size in bytes (also valid Avro). */
export function sizedMap(entries: [string, Buffer][]): Buffer {
  const body = Buffer.concat(entries.flatMap(([k, v]) => [string(k), v]));
  return Buffer.concat([long(-entries.length), long(body.length), body, long(0)]);
}
