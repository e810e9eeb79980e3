import { BinaryDetector } from './binary-detector';
import type { DetectorSnapshot } from './drift-detector';
import { newVar, sampleVariance, updateVar, VarState } from './running-mean';

export interface EDDMParams {
  /** Observations (and errors) before any warning or drift can be signalled. */
  warmStart: number;
  /** Warning below this fraction of the best mean + 2 sd distance between errors. */
  alpha: number;
  /** Drift below this fraction. */
  beta: number;
}

export const EDDM_DEFAULTS: EDDMParams = { warmStart: 30, alpha: 0.95, beta: 0.9 };

export interface EDDMState {
  distances: VarState;
  n: number;
  lastError: number;
  nErrors: number;
  p2sPrimeMax: number;
  drift: boolean;
  warning: boolean;
}

export type EDDMSnapshot = DetectorSnapshot<'EDDM', EDDMParams, EDDMState>;

const fresh = (): EDDMState => ({
  distances: newVar(),
  n: 0,
  lastError: 0,
  nErrors: 0,
  p2sPrimeMax: -1,
  drift: false,
  warning: false,
});

/**
 * Early Drift Detection Method (Baena-García et al., 2006): river.drift.binary.EDDM. Watches the distance
 * between consecutive errors rather than the error rate, which reacts earlier to gradual drift.
 *
 * As in River, the warning flag is only re-evaluated when an error arrives past the warm start, so it can
 * stay set across correct predictions and coexist with the drift flag.
 */
export class EDDM extends BinaryDetector<'EDDM', EDDMParams, EDDMState> {
  constructor(params: Partial<EDDMParams> = {}) {
    super('EDDM', EDDM_DEFAULTS, params, fresh);
    if (this.params.alpha < this.params.beta) throw new RangeError("EDDM: 'alpha' must be >= 'beta'");
  }

  protected step(v: number): void {
    const s = this.s;
    s.n += 1;
    if (v !== 1) return;
    s.nErrors += 1;
    updateVar(s.distances, s.n - s.lastError);
    if (s.n > this.params.warmStart) {
      const p2s = s.distances.mean + 2 * Math.sqrt(sampleVariance(s.distances));
      if (p2s > s.p2sPrimeMax) {
        s.p2sPrimeMax = p2s;
      } else if (s.nErrors > this.params.warmStart) {
        const level = p2s / s.p2sPrimeMax;
        if (level < this.params.beta) s.drift = true;
        else s.warning = level < this.params.alpha;
      }
    }
    s.lastError = s.n;
  }

  static fromJSON(snapshot: EDDMSnapshot): EDDM {
    return new EDDM(snapshot.params).restore(snapshot);
  }
}
