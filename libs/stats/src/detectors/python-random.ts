const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** Serialisable state of {@link PythonRandom}: the Mersenne Twister words and the read position. */
export interface PythonRandomState {
  mt: number[];
  index: number;
}

/**
 * CPython's `random.Random`, as far as KSWIN needs it: MT19937 seeded from an integer the way
 * `random.Random(seed)` does (init_by_array over the 32-bit words of |seed|), `getrandbits(k)` for
 * k <= 32 and `sample(range(n), k)`. River's KSWIN draws its reference window with
 * `random.Random(seed).sample`, so reproducing these exactly reproduces River's detections.
 */
export class PythonRandom {
  private readonly mt: Uint32Array;
  private index: number;

  constructor(seed: number | PythonRandomState) {
    if (typeof seed === 'number') {
      if (!Number.isSafeInteger(seed)) throw new RangeError('PythonRandom: seed must be a safe integer');
      const abs = Math.abs(seed);
      const hi = Math.floor(abs / 2 ** 32);
      this.mt = new Uint32Array(N);
      this.index = N;
      this.initByArray(hi > 0 ? [abs >>> 0, hi] : [abs >>> 0]);
    } else {
      if (seed.mt.length !== N || !(seed.index >= 0 && seed.index <= N)) {
        throw new RangeError('PythonRandom: invalid state');
      }
      this.mt = Uint32Array.from(seed.mt);
      this.index = seed.index;
    }
  }

  state(): PythonRandomState {
    return { mt: Array.from(this.mt), index: this.index };
  }

  /** `random.getrandbits(k)` for 0 <= k <= 32: the top k bits of one tempered word. */
  getrandbits(k: number): number {
    if (!(Number.isInteger(k) && k >= 0 && k <= 32)) throw new RangeError('getrandbits: k must be in [0, 32]');
    if (k === 0) return 0;
    return this.nextUint32() >>> (32 - k);
  }

  /** `random._randbelow(n)`: rejection sampling on bit_length(n) bits, so n = 1 still draws one word. */
  randbelow(n: number): number {
    const k = 32 - Math.clz32(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** `random.sample(range(n), k)`, including CPython's switch between a pool and a set of picks. */
  sampleRange(n: number, k: number): number[] {
    if (!(k >= 0 && k <= n)) throw new RangeError('Sample larger than population or is negative');
    const result = new Array<number>(k);
    let setsize = 21;
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    if (n <= setsize) {
      const pool = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = this.randbelow(n - i);
        result[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.randbelow(n);
        while (selected.has(j)) j = this.randbelow(n);
        selected.add(j);
        result[i] = j;
      }
    }
    return result;
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  private initByArray(key: number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private nextUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}
