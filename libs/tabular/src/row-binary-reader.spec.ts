import { describe, expect, it } from 'vitest';
import { RowBinaryReader } from './row-binary-reader';

function bytes(...parts: (number[] | Uint8Array)[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => Array.from(p)));
}
const f64 = (...xs: number[]) => new Uint8Array(Float64Array.from(xs).buffer);

describe('RowBinaryReader', () => {
  it('reads LEB128 lengths, UInt64, strings, Float64 arrays and String→UInt64 maps', () => {
    const r = new RowBinaryReader(
      bytes(
        [0xac, 0x02], // 300
        [1, 0, 0, 0, 2, 0, 0, 0], // 2^33 + 1
        [2, 0x68, 0x69], // "hi"
        [3],
        f64(1.5, -0, Infinity),
        [2, 1, 0x61, 7, 0, 0, 0, 0, 0, 0, 0, 2, 0xc3, 0xa9, 1, 0, 0, 0, 0, 0, 0, 0], // {a: 7, é: 1}
      ),
    );
    expect(r.varUInt()).toBe(300);
    expect(r.uint64()).toBe(2 ** 33 + 1);
    expect(r.string()).toBe('hi');
    expect(Array.from(r.float64Array())).toEqual([1.5, -0, Infinity]);
    expect(r.stringCountMap()).toEqual(new Map([['a', 7], ['é', 1]]));
    expect(r.done).toBe(true);
  });

  it('copies doubles that start at an unaligned offset', () => {
    const r = new RowBinaryReader(bytes([2], f64(0.1, 2 ** -1074)));
    expect(Array.from(r.float64Array())).toEqual([0.1, 2 ** -1074]);
  });

  it('fails on truncated data instead of reading past the end', () => {
    expect(() => new RowBinaryReader(bytes([2], f64(1))).float64Array()).toThrow(RangeError);
    expect(() => new RowBinaryReader(bytes([5, 0x61])).string()).toThrow(/unexpected end/);
  });
});
