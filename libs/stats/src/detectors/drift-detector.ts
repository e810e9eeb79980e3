/** A streaming drift detector: fed one value at a time, it says whether the last value completed a drift. */
export interface DriftDetector {
  update(x: number | boolean): void;
  /** True right after the update that detected a drift; the next update starts a fresh detector, as in River. */
  readonly driftDetected: boolean;
  /** Everything needed to resume the detector after a restart (plain JSON, no Infinity or NaN). */
  toJSON(): DetectorSnapshot;
}

/** A detector that also reports a warning zone before a drift. */
export interface DriftAndWarningDetector extends DriftDetector {
  readonly warningDetected: boolean;
}

export type DetectorKind = 'ADWIN' | 'DDM' | 'EDDM' | 'HDDM_A' | 'HDDM_W' | 'KSWIN' | 'PageHinkley';

/** What `toJSON()` returns: the constructor parameters and the running state, tagged by detector kind. */
export interface DetectorSnapshot<K extends DetectorKind = DetectorKind, P = unknown, S = unknown> {
  kind: K;
  params: P;
  state: S;
}

/** Python's `True == 1` lets River feed booleans to the same arithmetic; so do we. */
export function toValue(x: number | boolean): number {
  return typeof x === 'boolean' ? (x ? 1 : 0) : x;
}

export function assertKind(snapshot: DetectorSnapshot, kind: DetectorKind): void {
  if (snapshot?.kind !== kind) throw new TypeError(`expected a ${kind} snapshot, got ${String(snapshot?.kind)}`);
}

// JSON has no Infinity: River starts some minima/maxima at ±inf, so the snapshots write those as null.
export const infToNull = (v: number): number | null => (Number.isFinite(v) ? v : null);
export const nullToInf = (v: number | null, sign: 1 | -1 = 1): number => (v === null ? sign * Infinity : v);
