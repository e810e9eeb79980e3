import { assertKind, toValue, type DetectorKind, type DetectorSnapshot, type DriftAndWarningDetector } from './drift-detector';

/**
 * What DDM, EDDM, HDDM_A and HDDM_W share: parameters over defaults, a state object holding the
 * drift and warning flags, a fresh state after each drift (as River resets), and snapshots.
 * Subclasses implement `step` on the numeric value.
 */
export abstract class BinaryDetector<K extends DetectorKind, P extends object, S extends { drift: boolean; warning: boolean }>
  implements DriftAndWarningDetector
{
  readonly params: Readonly<P>;
  protected s: S;

  protected constructor(
    private readonly kind: K,
    defaults: P,
    params: Partial<P>,
    private readonly fresh: () => S,
  ) {
    this.params = { ...defaults, ...params };
    this.s = fresh();
  }

  get driftDetected(): boolean {
    return this.s.drift;
  }

  get warningDetected(): boolean {
    return this.s.warning;
  }

  update(x: number | boolean): void {
    if (this.s.drift) this.s = this.fresh();
    this.step(toValue(x));
  }

  protected abstract step(value: number): void;

  toJSON(): DetectorSnapshot<K, P, S> {
    return structuredClone({ kind: this.kind, params: { ...this.params }, state: this.s });
  }

  /** Puts a snapshot's state back (fromJSON of each subclass). */
  protected restore(snapshot: DetectorSnapshot<K, P, S>): this {
    assertKind(snapshot, this.kind);
    this.s = structuredClone(snapshot.state);
    return this;
  }
}
