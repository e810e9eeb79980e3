import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Shapes of libs/stats/fixtures/core.json, written by libs/stats/scripts/gen_core_fixtures.py. */
export interface NumericFixtureCase {
  name: string;
  ref: number[];
  cur: number[];
  bins: number;
  edges: number[];
  refHist: number[];
  curHist: number[];
  histDistances: DistanceValues;
  refStd: number;
  wassersteinRaw: number;
  wasserstein: number;
  energy: number;
  refMin: number;
  refMax: number;
  outOfRangeShare: number;
  histWasserstein: { lo: number; hi: number; value: number };
}

export interface DistanceValues {
  psi: number;
  js: number;
  kl: number;
  hellinger: number;
  tv: number;
}

export interface CoreFixture {
  numpy: string;
  scipy: string;
  numeric: NumericFixtureCase[];
  quantiles: { values: number[]; bins: number; edges: number[] }[];
  searchsorted: { edges: number[]; x: number[]; index: number[] };
  shares: (DistanceValues & { p: number[]; q: number[] })[];
  chiSquare: { ref: Record<string, number>; cur: Record<string, number>; statistic: number; pValue: number; dof: number }[];
  chi2Sf: { x: number; dof: number; sf: number }[];
  twoProportionZ: { s1: number; n1: number; s2: number; n2: number; statistic: number; pValue: number }[];
  multipleTesting: { p: number[]; bonferroni: number[]; bh: number[] }[];
}

const NON_FINITE: Record<string, number> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: NaN };

let cached: CoreFixture | undefined;

/** The fixture, with the strings "Infinity", "-Infinity" and "NaN" revived as numbers (the generator never uses them as names). */
export function coreFixture(): CoreFixture {
  cached ??= JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/core.json'), 'utf8'), (_key, value) =>
    typeof value === 'string' && Object.hasOwn(NON_FINITE, value) ? NON_FINITE[value] : value,
  ) as CoreFixture;
  return cached;
}
