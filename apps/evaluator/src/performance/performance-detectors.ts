import type { Finding, LabelledPrediction } from '@driftwatch/contracts';
import { DetectorBank, detectorFinding, errorStream, inferTask, type DetectorBankJSON, type Policy, type TaskShape } from '@driftwatch/evaluation';

/**
 * The streaming detectors of one model version, restored from its cursor's JSON and fed each
 * judged window's error stream in order. The bank needs the task, so it is built on the first
 * window fed; the bank skips points at or before its own cursor, so a window fed again after a
 * crash (its evaluation re-delivered) does not count twice.
 */
export class VersionDetectors {
  private bank: DetectorBank | null = null;

  constructor(
    private state: string,
    private readonly policy: Policy,
  ) {}

  /** Feeds a window's rows; the most severe firing as a performance_degradation finding, or null. */
  feed(rows: readonly LabelledPrediction[], hint: TaskShape | undefined, context: { coverage: number; labelled: number }): Finding | null {
    const detectors = this.policy.performance.detectors;
    if (detectors.length === 0) return null;
    const shape = inferTask(rows, this.policy.performance.task, hint);
    if (!this.bank || this.bank.task !== shape.task) {
      this.bank = this.state ? DetectorBank.fromJSON(JSON.parse(this.state) as DetectorBankJSON, detectors, shape.task) : new DetectorBank(detectors, shape.task);
    }
    const findings = this.bank.feed(errorStream(rows, shape)).map((firing) => detectorFinding(firing, { task: shape.task, ...context }));
    this.state = JSON.stringify(this.bank.toJSON());
    return findings.find((f) => f.severity === 'critical') ?? findings[0] ?? null;
  }

  /** What the cursor stores ('' while no detector ran). */
  toJSON(): string {
    return this.state;
  }
}
