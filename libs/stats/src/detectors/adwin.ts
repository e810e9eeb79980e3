import { assertKind, DetectorSnapshot, DriftDetector, toValue } from './drift-detector';

export interface ADWINParams {
  /** Significance of the cut test. */
  delta: number;
  /** Check for a cut only every `clock` updates. */
  clock: number;
  /** Buckets of each size kept before the two oldest are merged into one of twice the size. */
  maxBuckets: number;
  /** Sub-windows shorter than this are not tested. */
  minWindowLength: number;
  /** No cut test until the window holds more than this many values. */
  gracePeriod: number;
}

export const ADWIN_DEFAULTS: ADWINParams = {
  delta: 0.002,
  clock: 32,
  maxBuckets: 5,
  minWindowLength: 5,
  gracePeriod: 10,
};

/** One row of the exponential histogram: entries summarise 2^row values each, oldest first. */
export interface ADWINBucketRow {
  totals: number[];
  variances: number[];
}

export interface ADWINState {
  total: number;
  /** Sum of squared deviations from the window mean (River's `variance`, not divided by the width). */
  variance: number;
  width: number;
  totalWidth: number;
  nBuckets: number;
  maxNBuckets: number;
  tick: number;
  nDetections: number;
  /** rows[0] holds single values; the last row holds the oldest, largest summaries. */
  rows: ADWINBucketRow[];
  drift: boolean;
}

export type ADWINSnapshot = DetectorSnapshot<'ADWIN', ADWINParams, ADWINState>;

const fresh = (): ADWINState => ({
  total: 0,
  variance: 0,
  width: 0,
  totalWidth: 0,
  nBuckets: 0,
  maxNBuckets: 0,
  tick: 0,
  nDetections: 0,
  rows: [{ totals: [], variances: [] }],
  drift: false,
});

/**
 * ADaptive WINdowing (Bifet & Gavaldà, 2007), ADWIN2 with bucket compression: river.drift.ADWIN, a line by
 * line port of River 0.26's Rust `AdaptiveWindowing` so that the floating-point operations, and hence the
 * cut decisions, happen in the same order.
 *
 * River semantics kept on purpose: the cut test only runs when `tick % clock == 0` and the window is wider
 * than `gracePeriod`; a detection shrinks the window from the oldest end, but the update after a detection
 * starts a brand-new window (River's ADWIN.update resets its helper when `drift_detected` was set).
 */
export class ADWIN implements DriftDetector {
  readonly params: Readonly<ADWINParams>;
  private s: ADWINState = fresh();

  constructor(params: Partial<ADWINParams> = {}) {
    this.params = { ...ADWIN_DEFAULTS, ...params };
    if (!(Number.isInteger(this.params.clock) && this.params.clock >= 1)) {
      throw new RangeError('ADWIN: clock must be a positive integer');
    }
  }

  get driftDetected(): boolean {
    return this.s.drift;
  }

  /** Number of values in the current window. */
  get width(): number {
    return this.s.width;
  }

  /** Mean of the current window (0 when empty). */
  get estimation(): number {
    return this.s.width === 0 ? 0 : this.s.total / this.s.width;
  }

  /** Sample variance within the window, as River's `variance` property reports it. */
  get variance(): number {
    return this.s.variance / this.s.width;
  }

  update(x: number | boolean): void {
    if (this.s.drift) this.s = fresh();
    this.insertElement(toValue(x), 0);
    this.s.drift = this.detectChange();
  }

  private insertElement(value: number, variance: number): void {
    const s = this.s;
    s.rows[0].totals.push(value);
    s.rows[0].variances.push(variance);
    s.nBuckets += 1;
    if (s.nBuckets > s.maxNBuckets) s.maxNBuckets = s.nBuckets;

    s.width += 1;
    let incVariance = 0;
    if (s.width > 1) {
      const d = value - s.total / (s.width - 1);
      incVariance = ((s.width - 1) * d * d) / s.width;
    }
    s.variance += incVariance;
    s.total += value;
    this.compressBuckets();
  }

  private deleteElement(): number {
    const s = this.s;
    const last = s.rows.length - 1;
    const n = 2 ** last;
    const row = s.rows[last];
    const u = row.totals[0];
    const v = row.variances[0];
    const mu = u / n;
    s.width -= n;
    s.total -= u;
    const muWindow = s.total / s.width;
    const inc = v + (n * s.width * (mu - muWindow) * (mu - muWindow)) / (n + s.width);
    s.variance -= inc;
    row.totals.shift();
    row.variances.shift();
    s.nBuckets -= 1;
    if (row.totals.length === 0) s.rows.pop();
    return n;
  }

  private compressBuckets(): void {
    const s = this.s;
    const max = this.params.maxBuckets;
    for (let idx = 0; s.rows[idx].totals.length === max + 1; idx++) {
      const row = s.rows[idx];
      const n1 = 2 ** idx;
      const mu1 = row.totals[0] / n1;
      const mu2 = row.totals[1] / n1;
      const total12 = row.totals[0] + row.totals[1];
      const temp = n1 * 0.5 * (mu1 - mu2) * (mu1 - mu2);
      const v12 = row.variances[0] + row.variances[1] + temp;
      if (idx + 1 >= s.rows.length) s.rows.push({ totals: [], variances: [] });
      s.rows[idx + 1].totals.push(total12);
      s.rows[idx + 1].variances.push(v12);
      s.nBuckets += 1;
      row.totals.splice(0, 2);
      row.variances.splice(0, 2);
      if (s.rows[idx + 1].totals.length <= max) break;
    }
  }

  private detectChange(): boolean {
    const s = this.s;
    const { clock, gracePeriod, minWindowLength, delta } = this.params;
    let changeDetected = false;
    s.tick += 1;
    if (s.tick % clock === 0 && s.width > gracePeriod) {
      let reduceWidth = true;
      while (reduceWidth) {
        reduceWidth = false;
        let n0 = 0;
        let n1 = s.width;
        let u0 = 0;
        let u1 = s.total;
        // Cut points run from the oldest summary to the newest; the newest value is never a cut.
        outer: for (let idx = s.rows.length - 1; idx >= 0; idx--) {
          const size = 2 ** idx;
          const totals = s.rows[idx].totals;
          for (let k = 0; k < totals.length; k++) {
            n0 += size;
            n1 -= size;
            u0 += totals[k];
            u1 -= totals[k];
            if (idx === 0 && k === totals.length - 1) break outer;
            const deltaMean = u0 / n0 - u1 / n1;
            if (n1 >= minWindowLength && n0 >= minWindowLength && this.evaluateCut(n0, n1, deltaMean, delta)) {
              reduceWidth = true;
              changeDetected = true;
              if (s.width > 0) {
                this.deleteElement();
                break outer;
              }
            }
          }
        }
      }
    }
    s.totalWidth += s.width;
    if (changeDetected) s.nDetections += 1;
    return changeDetected;
  }

  private evaluateCut(n0: number, n1: number, deltaMean: number, delta: number): boolean {
    const s = this.s;
    const m = this.params.minWindowLength;
    const deltaPrime = Math.log((2.0 * Math.log(s.width)) / delta);
    const mRecip = 1.0 / (n0 - m + 1.0) + 1.0 / (n1 - m + 1.0);
    const epsilon = Math.sqrt(2.0 * mRecip * (s.variance / s.width) * deltaPrime) + (2.0 / 3.0) * deltaPrime * mRecip;
    return Math.abs(deltaMean) > epsilon;
  }

  toJSON(): ADWINSnapshot {
    return structuredClone({ kind: 'ADWIN', params: { ...this.params }, state: this.s });
  }

  static fromJSON(snapshot: ADWINSnapshot): ADWIN {
    assertKind(snapshot, 'ADWIN');
    const d = new ADWIN(snapshot.params);
    d.s = structuredClone(snapshot.state);
    return d;
  }
}
