import { BinaryDetector } from './binary-detector';
import { infToNull, nullToInf, type DetectorSnapshot } from './drift-detector';

export interface HDDMWParams {
  driftConfidence: number;
  warningConfidence: number;
  /** Weight of the newest value in the exponentially weighted means (River's lambda_val). */
  lambdaVal: number;
  /** Also detect decreases of the mean. */
  twoSidedTest: boolean;
}

export const HDDM_W_DEFAULTS: HDDMWParams = {
  driftConfidence: 0.001,
  warningConfidence: 0.005,
  lambdaVal: 0.05,
  twoSidedTest: false,
};

/** River's SampleInfo: an EWMA and its independent bounded condition (sum of squared weights). */
export interface SampleInfo {
  ewma: number;
  isInit: boolean;
  ibc: number;
}

export interface HDDMWState {
  total: SampleInfo;
  s1Decr: SampleInfo;
  s1Incr: SampleInfo;
  s2Decr: SampleInfo;
  s2Incr: SampleInfo;
  /** null stands for River's +inf before the first value. */
  incrCutpoint: number | null;
  /** null stands for River's -inf before the first value. */
  decrCutpoint: number | null;
  drift: boolean;
  warning: boolean;
}

export type HDDMWSnapshot = DetectorSnapshot<'HDDM_W', HDDMWParams, HDDMWState>;

const newSample = (): SampleInfo => ({ ewma: 0, isInit: false, ibc: 1.0 });

const fresh = (): HDDMWState => ({
  total: newSample(),
  s1Decr: newSample(),
  s1Incr: newSample(),
  s2Decr: newSample(),
  s2Incr: newSample(),
  incrCutpoint: null,
  decrCutpoint: null,
  drift: false,
  warning: false,
});

/**
 * Hoeffding's-bound drift detection, weighted variant (Frías-Blanco et al., 2014): river.drift.binary.HDDMW
 * (River 0.26 spells it without underscore). Uses McDiarmid's bound on exponentially weighted means, so
 * recent values count more than in HDDM_A. Input values must lie in [0, 1].
 */
export class HDDMW extends BinaryDetector<'HDDM_W', HDDMWParams, HDDMWState> {
  constructor(params: Partial<HDDMWParams> = {}) {
    super('HDDM_W', HDDM_W_DEFAULTS, params, fresh);
  }

  protected step(v: number): void {
    const s = this.s;
    const { driftConfidence, warningConfidence } = this.params;
    this.updateSample(s.total, v);

    // Increase side: the cut point is the lowest upper bound of the total EWMA seen so far.
    let eps = mcdiarmidBound(s.total.ibc, driftConfidence);
    if (s.total.ewma + eps < nullToInf(s.incrCutpoint)) {
      s.incrCutpoint = s.total.ewma + eps;
      s.s1Incr = { ...s.total };
      s.s2Incr = newSample();
    } else {
      this.updateSample(s.s2Incr, v);
    }
    if (meanChanged(s.s1Incr, s.s2Incr, driftConfidence)) {
      s.warning = false;
      s.drift = true;
    } else if (meanChanged(s.s1Incr, s.s2Incr, warningConfidence)) {
      s.warning = true;
      s.drift = false;
    } else {
      s.warning = false;
      s.drift = false;
    }

    // River updates the decrease side after the increase test even when only one side is tested.
    eps = mcdiarmidBound(s.total.ibc, driftConfidence);
    if (s.total.ewma - eps > nullToInf(s.decrCutpoint, -1)) {
      s.decrCutpoint = infToNull(s.total.ewma - eps);
      s.s1Decr = { ...s.total };
      s.s2Decr = newSample();
    } else {
      this.updateSample(s.s2Decr, v);
    }
    if (this.params.twoSidedTest) {
      if (meanChanged(s.s2Decr, s.s1Decr, driftConfidence)) s.drift = true;
      else if (meanChanged(s.s2Decr, s.s1Decr, warningConfidence)) s.warning = true;
    }
  }

  private updateSample(info: SampleInfo, x: number): void {
    const l = this.params.lambdaVal;
    // River's EWMean: the first value is the mean, then mean = l * x + (1 - l) * mean.
    info.ewma = info.isInit ? l * x + (1 - l) * info.ewma : x;
    info.isInit = true;
    info.ibc = l * l + (1 - l) * (1 - l) * info.ibc;
  }

  static fromJSON(snapshot: HDDMWSnapshot): HDDMW {
    return new HDDMW(snapshot.params).restore(snapshot);
  }
}

function mcdiarmidBound(ibc: number, confidence: number): number {
  return Math.sqrt((ibc * Math.log(1 / confidence)) / 2);
}

/** Whether sample2's EWMA exceeds sample1's by more than McDiarmid's bound. */
function meanChanged(sample1: SampleInfo, sample2: SampleInfo, confidence: number): boolean {
  if (!(sample1.isInit && sample2.isInit)) return false;
  return sample2.ewma - sample1.ewma > mcdiarmidBound(sample1.ibc + sample2.ibc, confidence);
}
