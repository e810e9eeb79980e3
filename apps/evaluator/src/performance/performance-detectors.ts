import type { Finding, LabelledPrediction } from '@driftwatch/contracts';
import { DetectorBank, detectorFinding, errorStream, inferTask, type Policy, type TaskShape } from '@driftwatch/evaluation';

/**
 * The streaming detectors of one model version, restored from its cursor's JSON and fed each
 * judged window's error stream in order. The only place the evaluator touches DetectorBank.
 */
export class VersionDetectors {
  private constructor(private readonly bank: DetectorBank | null) {}

  static restore(state: string, policy: Policy): VersionDetectors {
    const detectors = policy.performance.detectors;
    if (detectors.length === 0) return new VersionDetectors(null);
    return new VersionDetectors(state ? DetectorBank.fromJSON(JSON.parse(state), detectors) : new DetectorBank(detectors));
  }

  /** Feeds a window's rows; the most severe firing as a performance_degradation finding, or null. */
  feed(rows: readonly LabelledPrediction[], policy: Policy, hint: TaskShape | undefined, context: Parameters<typeof detectorFinding>[1]): Finding | null {
    if (!this.bank) return null;
    const shape = inferTask(rows, policy.performance.task, hint);
    const findings = this.bank.feed(errorStream(rows, shape)).map((firing) => detectorFinding(firing, context));
    return findings.find((f) => f.severity === 'critical') ?? findings[0] ?? null;
  }

  toJSON(previous: string): string {
    return this.bank ? JSON.stringify(this.bank.toJSON()) : previous;
  }
}
