import { seededRandom } from '@driftwatch/stats';
import type { ErrorPoint } from './error-stream';

/** One synthetic error: 0/1 at a rate, or an absolute error of a shape at a scale. */
export type ErrorSource = { kind: 'binary'; rate: number } | { kind: 'absNormal'; scale: number } | { kind: 'lognormal'; scale: number } | { kind: 'normal'; mean: number; sd: number };

export function errorSampler(seed: number): (source: ErrorSource) => number {
  const rng = seededRandom(seed);
  return (s) => {
    switch (s.kind) {
      case 'binary':
        return rng.uniform() < s.rate ? 1 : 0;
      case 'absNormal':
        return Math.abs(rng.normal()) * s.scale;
      case 'lognormal':
        return Math.exp(rng.normal()) * s.scale;
      case 'normal':
        return s.mean + s.sd * rng.normal();
    }
  };
}

/** `segments` back to back (e.g. 3,000 errors at 0.15 then 0.45), as points one millisecond apart. */
export function errorPoints(seed: number, segments: readonly { source: ErrorSource; length: number }[]): ErrorPoint[] {
  const draw = errorSampler(seed);
  const points: ErrorPoint[] = [];
  for (const { source, length } of segments) {
    for (let i = 0; i < length; i++) {
      const t = points.length;
      points.push({ eventId: `e${String(t).padStart(7, '0')}`, eventTime: 1_700_000_000_000 + t, error: draw(source) });
    }
  }
  return points;
}

/** The concept-flip test stream: FLIP_AT errors at 15 % then 45 % (seed 8, issue 8). */
export const FLIP_AT = 3000;
export const conceptFlipStream = (seed = 8, after = 3000): ErrorPoint[] =>
  errorPoints(seed, [
    { source: { kind: 'binary', rate: 0.15 }, length: FLIP_AT },
    { source: { kind: 'binary', rate: 0.45 }, length: after },
  ]);
