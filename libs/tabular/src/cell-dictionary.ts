/**
 * The distinct cells of one column, keyed by their bytes, each classified once: a text
 * column of a million rows holds a few hundred distinct values, so a cell is counted by a
 * hash lookup on the file's bytes instead of a string made, trimmed and parsed per cell.
 */
export class CellDictionary {
  static readonly MISSING = 0;
  static readonly NUMBER = 1;
  static readonly TEXT = 2;

  /** Per entry. */
  counts = new Float64Array(64);
  classes = new Uint8Array(64);
  numbers = new Float64Array(64);
  texts: string[] = [];
  size = 0;

  private slots = new Int32Array(256);
  private hashes = new Int32Array(64);
  private keyStarts = new Int32Array(64);
  private keyLengths = new Int32Array(64);
  private pool = new Uint8Array(4096);
  private poolUsed = 0;

  /** The entry of bytes `buf[start, end)` (`variant` keeps apart byte-equal cells read differently), or -1. */
  find(buf: Uint8Array, start: number, end: number, variant: number): number {
    const hash = hashBytes(buf, start, end, variant);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const e = this.slots[slot] - 1;
      if (e < 0) return -1;
      if (this.hashes[e] === hash && this.sameKey(e, buf, start, end)) return e;
    }
  }

  /** Adds an entry (not present: call find first) with its classification; returns its index. */
  insert(buf: Uint8Array, start: number, end: number, variant: number, cls: number, number: number, text: string): number {
    if (2 * (this.size + 1) > this.slots.length) this.rehash(this.slots.length * 2);
    if (this.size === this.counts.length) this.growEntries();
    const length = end - start;
    while (this.poolUsed + length > this.pool.length) {
      const grown = new Uint8Array(this.pool.length * 2);
      grown.set(this.pool.subarray(0, this.poolUsed));
      this.pool = grown;
    }
    this.pool.set(buf.subarray(start, end), this.poolUsed);
    const e = this.size++;
    const hash = hashBytes(buf, start, end, variant);
    this.hashes[e] = hash;
    this.keyStarts[e] = this.poolUsed;
    this.keyLengths[e] = length;
    this.poolUsed += length;
    this.classes[e] = cls;
    this.numbers[e] = number;
    this.texts[e] = text;
    this.place(e, hash);
    return e;
  }

  private sameKey(e: number, buf: Uint8Array, start: number, end: number): boolean {
    const length = end - start;
    if (this.keyLengths[e] !== length) return false;
    const pool = this.pool;
    const at = this.keyStarts[e];
    for (let i = 0; i < length; i++) if (pool[at + i] !== buf[start + i]) return false;
    return true;
  }

  private place(e: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = e + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let e = 0; e < this.size; e++) this.place(e, this.hashes[e]);
  }

  private growEntries(): void {
    const n = this.counts.length * 2;
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.counts = grow(this.counts, (k) => new Float64Array(k));
    this.classes = grow(this.classes, (k) => new Uint8Array(k));
    this.numbers = grow(this.numbers, (k) => new Float64Array(k));
    this.hashes = grow(this.hashes, (k) => new Int32Array(k));
    this.keyStarts = grow(this.keyStarts, (k) => new Int32Array(k));
    this.keyLengths = grow(this.keyLengths, (k) => new Int32Array(k));
  }
}

/** FNV-1a over the bytes and the variant. */
function hashBytes(buf: Uint8Array, start: number, end: number, variant: number): number {
  let h = 0x811c9dc5 ^ variant;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h & 0x7fffffff;
}
