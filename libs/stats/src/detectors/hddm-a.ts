import { BinaryDetector } from './binary-detector';
import type { DetectorSnapshot } from './drift-detector';
import { MeanState, newMean, updateMean } from './running-mean';

export interface HDDMAParams {
  driftConfidence: number;
  warningConfidence: number;
  /** Also detect decreases of the mean (River's two_sided_test). */
  twoSidedTest: boolean;
}

export const HDDM_A_DEFAULTS: HDDMAParams = { driftConfidence: 0.001, warningConfidence: 0.005, twoSidedTest: false };

export interface HDDMAState {
  /** Global mean. */
  z: MeanState;
  /** Prefix of the stream at the cut point tracking an increase. */
  xMin: MeanState;
  /** Prefix at the cut point tracking a decrease. */
  xMax: MeanState;
  drift: boolean;
  warning: boolean;
}

export type HDDMASnapshot = DetectorSnapshot<'HDDM_A', HDDMAParams, HDDMAState>;

const fresh = (): HDDMAState => ({ z: newMean(), xMin: newMean(), xMax: newMean(), drift: false, warning: false });

/**
 * Hoeffding's-bound drift detection, averages variant (Frías-Blanco et al., 2014): river.drift.binary.HDDMA
 * (River 0.26 spells it without underscore). Input values must lie in [0, 1].
 */
export class HDDMA extends BinaryDetector<'HDDM_A', HDDMAParams, HDDMAState> {
  constructor(params: Partial<HDDMAParams> = {}) {
    super('HDDM_A', HDDM_A_DEFAULTS, params, fresh);
  }

  protected step(v: number): void {
    const s = this.s;
    updateMean(s.z, v);
    if (s.xMin.n === 0) s.xMin = { ...s.z };
    if (s.xMax.n === 0) s.xMax = { ...s.z };

    const epsZ = this.hoeffdingBound(s.z.n);
    let epsX = this.hoeffdingBound(s.xMin.n);
    if (s.xMin.mean + epsX >= s.z.mean + epsZ) s.xMin = { ...s.z };
    epsX = this.hoeffdingBound(s.xMax.n);
    if (s.xMax.mean - epsX <= s.z.mean - epsZ) s.xMax = { ...s.z };

    const { driftConfidence, warningConfidence } = this.params;
    if (this.meanChanged(s.xMin, driftConfidence, 1)) {
      s.warning = false;
      s.drift = true;
    } else if (this.meanChanged(s.xMin, warningConfidence, 1)) {
      s.warning = true;
      s.drift = false;
    } else {
      s.warning = false;
      s.drift = false;
    }
    if (this.params.twoSidedTest) {
      if (this.meanChanged(s.xMax, driftConfidence, -1)) s.drift = true;
      else if (this.meanChanged(s.xMax, warningConfidence, -1)) s.warning = true;
    }
  }

  private hoeffdingBound(n: number): number {
    return Math.sqrt((1.0 / (2 * n)) * Math.log(1.0 / this.params.driftConfidence));
  }

  /** Whether the mean since the cut point moved by more than the bound, up (+1) or down (-1). */
  private meanChanged(cut: MeanState, confidence: number, direction: 1 | -1): boolean {
    const z = this.s.z;
    if (cut.n === z.n) return false;
    const m = ((z.n - cut.n) / cut.n) * (1.0 / z.n);
    const eps = Math.sqrt((m / 2) * Math.log(2.0 / confidence));
    return direction === 1 ? z.mean - cut.mean >= eps : cut.mean - z.mean >= eps;
  }

  static fromJSON(snapshot: HDDMASnapshot): HDDMA {
    return new HDDMA(snapshot.params).restore(snapshot);
  }
}
