import { assertKind, DetectorSnapshot, DriftDetector, infToNull, nullToInf, toValue } from './drift-detector';
import { MeanState, newMean, updateMean } from './running-mean';

export type PageHinkleyMode = 'up' | 'down' | 'both';

export interface PageHinkleyParams {
  /** Observations before a drift can be signalled. */
  minInstances: number;
  /** Magnitude of change tolerated without accumulating evidence. */
  delta: number;
  /** Cumulative deviation that signals a drift (lambda). */
  threshold: number;
  /** Forgetting factor of the cumulative sums. */
  alpha: number;
  mode: PageHinkleyMode;
}

export const PAGE_HINKLEY_DEFAULTS: PageHinkleyParams = {
  minInstances: 30,
  delta: 0.005,
  threshold: 50.0,
  alpha: 1 - 0.0001,
  mode: 'both',
};

export interface PageHinkleyState {
  mean: MeanState;
  sumIncrease: number;
  sumDecrease: number;
  /** null stands for River's +inf before the first value. */
  minIncrease: number | null;
  maxDecrease: number;
  drift: boolean;
}

export type PageHinkleySnapshot = DetectorSnapshot<'PageHinkley', PageHinkleyParams, PageHinkleyState>;

const fresh = (): PageHinkleyState => ({
  mean: newMean(),
  sumIncrease: 0,
  sumDecrease: 0,
  minIncrease: null,
  maxDecrease: -1,
  drift: false,
});

/** Page–Hinkley test (a CUSUM on deviations from the running mean): river.drift.PageHinkley. No warning zone. */
export class PageHinkley implements DriftDetector {
  readonly params: Readonly<PageHinkleyParams>;
  private s: PageHinkleyState = fresh();

  constructor(params: Partial<PageHinkleyParams> = {}) {
    this.params = { ...PAGE_HINKLEY_DEFAULTS, ...params };
    if (!['up', 'down', 'both'].includes(this.params.mode)) {
      throw new RangeError(`PageHinkley: invalid mode ${String(this.params.mode)}`);
    }
  }

  get driftDetected(): boolean {
    return this.s.drift;
  }

  update(x: number | boolean): void {
    if (this.s.drift) this.s = fresh();
    const s = this.s;
    const { alpha, delta, threshold, mode, minInstances } = this.params;
    const v = toValue(x);
    updateMean(s.mean, v);
    const dev = v - s.mean.mean;
    s.sumIncrease = alpha * s.sumIncrease + dev - delta;
    s.sumDecrease = alpha * s.sumDecrease + dev + delta;
    if (s.sumIncrease < nullToInf(s.minIncrease)) s.minIncrease = infToNull(s.sumIncrease);
    if (s.sumDecrease > s.maxDecrease) s.maxDecrease = s.sumDecrease;
    if (s.mean.n >= minInstances) {
      const testIncrease = s.sumIncrease - nullToInf(s.minIncrease);
      const testDecrease = s.maxDecrease - s.sumDecrease;
      const up = testIncrease > threshold;
      const down = testDecrease > threshold;
      s.drift = mode === 'up' ? up : mode === 'down' ? down : up || down;
    }
  }

  toJSON(): PageHinkleySnapshot {
    return structuredClone({ kind: 'PageHinkley', params: { ...this.params }, state: this.s });
  }

  static fromJSON(snapshot: PageHinkleySnapshot): PageHinkley {
    assertKind(snapshot, 'PageHinkley');
    const d = new PageHinkley(snapshot.params);
    d.s = structuredClone(snapshot.state);
    return d;
  }
}
