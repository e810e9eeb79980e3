/**
 * Orders strings as their UTF-8 bytes compare (code point order), the order in which the
 * engine returns a String-keyed map (sumMap sorts its keys bytewise). JavaScript's `<`
 * compares UTF-16 code units, which differs only between a surrogate pair (code points above
 * U+FFFF) and U+E000–U+FFFF; Buffer.compare settles those.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) return Buffer.compare(Buffer.from(a.slice(i)), Buffer.from(b.slice(i)));
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** The same counts with keys in UTF-8 byte order. */
export function sortCountsUtf8(counts: ReadonlyMap<string, number>): Map<string, number> {
  const keys = [...counts.keys()].sort(compareUtf8);
  return new Map(keys.map((k) => [k, counts.get(k) as number]));
}
