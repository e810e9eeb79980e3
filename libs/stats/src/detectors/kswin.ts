import { ks2samp } from '../two-sample/ks-2samp';
import { assertKind, DetectorSnapshot, DriftDetector, toValue } from './drift-detector';
import { PythonRandom, PythonRandomState } from './python-random';

export interface KSWINParams {
  /** Significance of the Kolmogorov–Smirnov test; very sensitive, keep it below 0.01. */
  alpha: number;
  windowSize: number;
  /** Size of the most recent part of the window, and of the sample drawn from the older part. */
  statSize: number;
  /**
   * Seed of the sampler; with the same seed the reference windows, hence the detections, are River's.
   * Without one, every (re)start draws a fresh seed from `Math.random`, as River's `random.Random(None)`
   * seeds from the OS: detections are then not reproducible.
   */
  seed: number | null;
}

export const KSWIN_DEFAULTS: KSWINParams = { alpha: 0.005, windowSize: 100, statSize: 30, seed: null };

export interface KSWINState {
  window: number[];
  n: number;
  pValue: number;
  drift: boolean;
}

type LiveState = KSWINState & { rng: PythonRandom };

export type KSWINSnapshot = DetectorSnapshot<'KSWIN', KSWINParams, KSWINState & { rng: PythonRandomState }>;

/**
 * Kolmogorov–Smirnov Windowing (Raab et al., 2020): river.drift.KSWIN. Compares the last `statSize` values
 * of a sliding window with `statSize` values drawn at random from the rest of it.
 *
 * The draw is CPython's `random.Random(seed).sample(range(windowSize - statSize), statSize)`, reproduced bit
 * for bit by {@link PythonRandom} (River uses the standard library's Mersenne Twister, not numpy), and the
 * test is scipy's `ks_2samp(method="auto")` via {@link ks2samp}; so with a seed the detections equal River's.
 * As in River the generator is re-seeded with the same seed after each detection.
 */
export class KSWIN implements DriftDetector {
  readonly params: Readonly<KSWINParams>;
  private s: LiveState;

  constructor(params: Partial<KSWINParams> & { window?: Iterable<number> } = {}) {
    const { window, ...rest } = params;
    this.params = { ...KSWIN_DEFAULTS, ...rest };
    const { alpha, windowSize, statSize, seed } = this.params;
    if (!(alpha >= 0 && alpha <= 1)) throw new RangeError('KSWIN: alpha must be between 0 and 1');
    if (!(Number.isInteger(windowSize) && windowSize >= 0)) throw new RangeError('KSWIN: bad window_size');
    if (!(Number.isInteger(statSize) && statSize >= 0 && statSize <= windowSize)) {
      throw new RangeError('KSWIN: stat_size must be an integer no larger than window_size');
    }
    if (seed !== null && !Number.isSafeInteger(seed)) throw new RangeError('KSWIN: seed must be a safe integer');
    this.s = this.fresh();
    // River keeps the last window_size values of the warm-start window (a bounded deque).
    if (window) this.s.window = [...window].slice(-windowSize);
  }

  get driftDetected(): boolean {
    return this.s.drift;
  }

  /** p-value of the last test (0 before the window is full). */
  get pValue(): number {
    return this.s.pValue;
  }

  update(x: number | boolean): void {
    if (this.s.drift) this.s = this.fresh();
    const s = this.s;
    const { windowSize, statSize, alpha } = this.params;
    s.n += 1;
    s.window.push(toValue(x));
    if (s.window.length > windowSize) s.window.shift();
    if (s.window.length < windowSize) {
      s.drift = false;
      return;
    }
    const picks = s.rng.sampleRange(windowSize - statSize, statSize);
    const reference = Float64Array.from(picks, (i) => s.window[i]).sort();
    const recent = s.window.slice(windowSize - statSize);
    const { statistic, pValue } = ks2samp(reference, Float64Array.from(recent).sort());
    s.pValue = pValue;
    // River also requires a minimal effect size, so tiny windows cannot flag a negligible ECDF gap.
    s.drift = pValue <= alpha && statistic > 0.1;
    if (s.drift) s.window = recent;
  }

  private fresh(): LiveState {
    const seed = this.params.seed ?? Math.floor(Math.random() * 2 ** 32);
    return { window: [], n: 0, pValue: 0, rng: new PythonRandom(seed), drift: false };
  }

  toJSON(): KSWINSnapshot {
    const { rng, ...rest } = this.s;
    return structuredClone({ kind: 'KSWIN', params: { ...this.params }, state: { ...rest, rng: rng.state() } });
  }

  static fromJSON(snapshot: KSWINSnapshot): KSWIN {
    assertKind(snapshot, 'KSWIN');
    const d = new KSWIN(snapshot.params);
    const { rng, ...rest } = structuredClone(snapshot.state);
    d.s = { ...rest, rng: new PythonRandom(rng) };
    return d;
  }
}
