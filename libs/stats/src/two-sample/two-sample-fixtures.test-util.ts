// Loads libs/stats/fixtures/two-sample.json (written by scripts/gen_two_sample_fixtures.py from scipy)
// and rebuilds its generated samples with the same integer generator the script uses.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface GeneratedSpec {
  seed: number;
  n: number;
  spread: number;
  shift: number;
  denom: number;
  checksum: number;
}
export type SampleSpec = { values: number[] } | { generated: GeneratedSpec };
export interface Expected {
  statistic: number;
  pvalue: number;
  method?: 'exact' | 'asymp';
  criticalValues?: number[];
}
export type Outcome = Expected | { error: string };
export interface PairCase {
  name: string;
  x: string;
  y: string;
  ks: Outcome;
  ad: Outcome;
  cvm: Outcome;
  mwu: Outcome;
}
export interface TwoSampleFixtures {
  scipy: string;
  samples: Record<string, SampleSpec>;
  cases: PairCase[];
  andersonKSample: ({ name: string; samples: string[] } & Outcome)[];
  kstwoSf: [number, number, number][];
  smirnov: [number, number, number][];
  /** [nu, z, scipy.special.kv, mpmath.besselk at 30 digits] */
  besselK: [number, number, number, number][];
  cdfCvmInf: [number, number][];
}

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'two-sample.json');

function revive(_key: string, value: unknown): unknown {
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return value;
}

export const fixtures: TwoSampleFixtures = JSON.parse(readFileSync(FIXTURE, 'utf8'), revive);

/** mulberry32, bit for bit as in the Python generator. */
function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** The generated sample and the sum of its integer numerators (to compare with the fixture's checksum). */
export function generateSample(spec: GeneratedSpec): { values: Float64Array; checksum: number } {
  const next = mulberry32(spec.seed);
  const values = new Float64Array(spec.n);
  let checksum = 0;
  for (let i = 0; i < spec.n; i++) {
    let s = 0;
    for (let r = 0; r < 4; r++) s += next() >>> 8;
    const c = s - 2 ** 25;
    const v = Math.floor((c * spec.spread) / 2 ** 25) + spec.shift;
    checksum += v;
    values[i] = v / spec.denom;
  }
  return { values, checksum };
}

const cache = new Map<string, Float64Array>();

/** The named fixture sample, sorted ascending (the lib's input convention). */
export function sortedSample(name: string): Float64Array {
  let arr = cache.get(name);
  if (!arr) {
    const spec = fixtures.samples[name];
    if (!spec) throw new Error(`fixture sample ${name} is missing`);
    if ('values' in spec) arr = Float64Array.from(spec.values);
    else {
      const { values, checksum } = generateSample(spec.generated);
      if (checksum !== spec.generated.checksum) {
        throw new Error(`generated sample ${name} does not match the Python generator (checksum)`);
      }
      arr = values;
    }
    arr.sort();
    cache.set(name, arr);
  }
  return arr;
}

/** |actual - expected| within rel·|expected|, or within abs (for p-values near 0); NaN matches NaN. */
export function closeTo(actual: number, expected: number, rel: number, abs = 0): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), abs);
}
