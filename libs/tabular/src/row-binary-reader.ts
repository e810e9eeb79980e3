/**
 * Sequential decoder for ClickHouse's RowBinary output, for the few types the scans use.
 * Arrays of Float64 are copied out in one block (no per-value parsing in JavaScript).
 */
export class RowBinaryReader {
  private offset = 0;
  private readonly view: DataView;
  private static readonly utf8 = new TextDecoder('utf-8');

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  /** LEB128 length prefix of strings, arrays and maps. */
  varUInt(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      this.need(1);
      const byte = this.bytes[this.offset++];
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
    }
  }

  /** UInt64 as a JavaScript number (exact below 2^53, which covers every row count). */
  uint64(): number {
    this.need(8);
    const lo = this.view.getUint32(this.offset, true);
    const hi = this.view.getUint32(this.offset + 4, true);
    this.offset += 8;
    return hi * 2 ** 32 + lo;
  }

  float64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return v;
  }

  string(): string {
    const n = this.varUInt();
    this.need(n);
    const s = RowBinaryReader.utf8.decode(this.bytes.subarray(this.offset, this.offset + n));
    this.offset += n;
    return s;
  }

  /** Array(Float64): length prefix, then little-endian doubles copied into a fresh (aligned) array. */
  float64Array(): Float64Array {
    const n = this.varUInt();
    this.need(n * 8);
    const out = new Float64Array(n);
    new Uint8Array(out.buffer).set(this.bytes.subarray(this.offset, this.offset + n * 8));
    this.offset += n * 8;
    return out;
  }

  /** Map(String, UInt64). */
  stringCountMap(): Map<string, number> {
    const n = this.varUInt();
    const out = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = this.string();
      out.set(key, this.uint64());
    }
    return out;
  }

  private need(n: number): void {
    if (this.offset + n > this.bytes.length) {
      throw new RangeError(`RowBinary: unexpected end of data at byte ${this.offset} (needed ${n} more)`);
    }
  }
}
