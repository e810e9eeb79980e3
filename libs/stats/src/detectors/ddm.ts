import { BinaryDetector } from './binary-detector';
import type { DetectorSnapshot } from './drift-detector';
import { MeanState, newMean, updateMean } from './running-mean';

export interface DDMParams {
  /** Observations before any warning or drift can be signalled. */
  warmStart: number;
  warningThreshold: number;
  driftThreshold: number;
}

export const DDM_DEFAULTS: DDMParams = { warmStart: 30, warningThreshold: 2.0, driftThreshold: 3.0 };

export interface DDMState {
  p: MeanState;
  pMin: number | null;
  sMin: number | null;
  /** pMin + sMin; null until the warm start is over (River's +inf). */
  psMin: number | null;
  drift: boolean;
  warning: boolean;
}

export type DDMSnapshot = DetectorSnapshot<'DDM', DDMParams, DDMState>;

const fresh = (): DDMState => ({ p: newMean(), pMin: null, sMin: null, psMin: null, drift: false, warning: false });

/**
 * Drift Detection Method (Gama et al., 2004) on a stream of errors (1/true = error): river.drift.binary.DDM.
 * The error rate is modelled as Bernoulli; a drift is the rate plus its standard deviation exceeding the best
 * level seen by `driftThreshold` standard deviations.
 */
export class DDM extends BinaryDetector<'DDM', DDMParams, DDMState> {
  constructor(params: Partial<DDMParams> = {}) {
    super('DDM', DDM_DEFAULTS, params, fresh);
  }

  protected step(v: number): void {
    const s = this.s;
    updateMean(s.p, v);
    const p = s.p.mean;
    const n = s.p.n;
    const sd = Math.sqrt((p * (1 - p)) / n);
    if (n > this.params.warmStart) {
      if (s.psMin === null || p + sd <= s.psMin) {
        s.pMin = p;
        s.sMin = sd;
        s.psMin = p + sd;
      }
      // pMin/sMin are set by the branch above at the first observation past the warm start.
      const pMin = s.pMin as number;
      const sMin = s.sMin as number;
      s.warning = p + sd > pMin + this.params.warningThreshold * sMin;
      if (p + sd > pMin + this.params.driftThreshold * sMin) {
        s.drift = true;
        s.warning = false;
      }
    }
  }

  static fromJSON(snapshot: DDMSnapshot): DDM {
    return new DDM(snapshot.params).restore(snapshot);
  }
}
