/*
 * The streaming detectors of one model version, run on its joined error stream (errorStream) in
 * prediction event-time order.
 *
 * Direction. A detector says "the stream changed", not "the model got worse": ADWIN and KSWIN are
 * two-sided, Page–Hinkley is two-sided by River's default, and even the one-sided detectors can fire
 * on noise. A monitor must page on a performance DROP only (errors up), never on a model that got
 * better, so a detection is reported as a firing only when the error went up:
 *   - ADWIN exposes its window: a detection drops the oldest part of it, so the errors dropped
 *     (errorBefore) are compared with the errors kept (errorAfter);
 *   - every other detector: the mean of the newest errors (KSWIN: its statSize, the part of its
 *     window it tests; others: RECENT_ERRORS = 100) against the mean of the errors it saw before them
 *     since it last started (at most half the segment counts as recent, so both sides have points);
 *   - Page–Hinkley runs in mode 'up' (River's default is 'both') unless the policy sets `mode`:
 *     'both' would also restart it on improvements, which the rule above drops anyway.
 * A detection that fails the rule is not reported, but the detector still restarts, as River's do.
 *
 * Restart. toJSON() holds every detector's River-compatible snapshot, the counts behind the
 * direction rule, the newest errors and the cursor (the last point fed). fromJSON(json, policy)
 * resumes each detector whose name and parameters are unchanged in the policy; a detector that is new,
 * or whose parameters changed, starts fresh (listed in `restarted` with the reason), since a state
 * built under other parameters means something else. Severity changes keep the state.
 *
 * Binary detectors (DDM, EDDM, HDDM-A, HDDM-W) read 0/1 errors: on a regression stream they are
 * skipped (listed in `skipped` with the reason), not fed absolute errors they were not built for.
 */
import type { PerformanceTask, Severity } from '@driftwatch/contracts';
import { ADWIN, detectorFromJSON, type DetectorSnapshot, type DriftDetector } from '@driftwatch/stats';
import type { PerformanceDetectorName, PerformanceDetectorPolicy } from '../policy/policy.types';
import { buildDetector, DETECTOR_SPECS, detectorArguments, type DetectorParams } from './detector-specs';
import { compareErrorPoints, type ErrorPoint } from './error-stream';

/** A detection that passed the direction rule: the error went up. */
export interface DetectorFiring {
  readonly detector: PerformanceDetectorName;
  /** The detector's effective parameters (River's defaults filled in). */
  readonly params: DetectorParams;
  readonly severity: Severity;
  /** The point whose error completed the detection. */
  readonly eventId: string;
  readonly eventTime: number;
  /** How many points this detector had been fed, this one included (over its restarts, not since the last). */
  readonly index: number;
  /** Mean error before the change (error rate for classification, mean absolute error for regression). */
  readonly errorBefore: number;
  /** Mean error after it. */
  readonly errorAfter: number;
}

/** A detector of the policy that does not run, or that started fresh, and why. */
export interface DetectorNote {
  readonly detector: PerformanceDetectorName;
  readonly reason: string;
}

interface SavedDetector {
  readonly name: PerformanceDetectorName;
  /** The policy's params the state was built with (the identity checked on restore). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly seen: number;
  readonly detections: number;
  readonly segmentCount: number;
  readonly segmentSum: number;
  readonly state: DetectorSnapshot;
}

/** What DetectorBank.toJSON() returns: plain JSON, to be stored and handed back to fromJSON. */
export interface DetectorBankJSON {
  readonly version: 1;
  readonly task: PerformanceTask;
  readonly cursor: { readonly eventTime: number; readonly eventId: string } | null;
  /** The newest errors, oldest first. */
  readonly recent: readonly number[];
  readonly detectors: readonly SavedDetector[];
}

interface Running {
  readonly name: PerformanceDetectorName;
  readonly policyParams: Readonly<Record<string, unknown>>;
  readonly severity: Severity;
  readonly detector: DriftDetector;
  readonly recentSize: number;
  seen: number;
  /** Detections, reported or not (the direction rule drops the ones where the error went down). */
  detections: number;
  /** Points fed since the detector last started (River restarts a detector after each detection). */
  segmentCount: number;
  segmentSum: number;
}

const identity = (name: string, params: Readonly<Record<string, unknown>>): string =>
  `${name}:${JSON.stringify(Object.entries(params ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;

export class DetectorBank {
  /** Detectors of the policy that cannot run on this task. */
  readonly skipped: readonly DetectorNote[];
  /** Detectors that started fresh on restore instead of resuming (fromJSON only). */
  readonly restarted: readonly DetectorNote[];
  private readonly running: Running[];
  private readonly ring: Float64Array;
  private ringStart = 0;
  private ringLength = 0;
  private cursorPoint: { eventTime: number; eventId: string } | null = null;

  constructor(
    policy: readonly PerformanceDetectorPolicy[],
    readonly task: PerformanceTask,
    saved?: DetectorBankJSON,
  ) {
    const skipped: DetectorNote[] = [];
    const restarted: DetectorNote[] = [];
    const unused = saved && saved.task === task ? [...saved.detectors] : [];
    this.running = [];
    for (const entry of policy) {
      const args = detectorArguments(entry.name, entry.params);
      const spec = DETECTOR_SPECS[entry.name];
      if (entry.tasks && !entry.tasks.includes(task)) {
        skipped.push({ detector: entry.name, reason: `the policy runs it on ${entry.tasks.join(', ')} models only` });
        continue;
      }
      if (spec.binary && task === 'regression') {
        skipped.push({ detector: entry.name, reason: `${spec.river} reads 0/1 errors; a regression model's errors are absolute values` });
        continue;
      }
      const key = identity(entry.name, entry.params);
      const at = unused.findIndex((d) => identity(d.name, d.params) === key);
      const resumed = at >= 0 ? unused.splice(at, 1)[0] : null;
      if (saved && !resumed) {
        restarted.push({
          detector: entry.name,
          reason:
            saved.task !== task
              ? `the task changed from ${saved.task} to ${task}: started fresh`
              : 'no saved state with these parameters (new detector or parameters changed): started fresh',
        });
      }
      this.running.push({
        name: entry.name,
        policyParams: { ...entry.params },
        severity: entry.severity,
        detector: resumed ? detectorFromJSON(resumed.state) : buildDetector(entry.name, args),
        recentSize: Math.max(1, spec.recent({ ...defaultsOf(entry.name, args) })),
        seen: resumed?.seen ?? 0,
        detections: resumed?.detections ?? 0,
        segmentCount: resumed?.segmentCount ?? 0,
        segmentSum: resumed?.segmentSum ?? 0,
      });
    }
    this.skipped = skipped;
    this.restarted = restarted;
    this.ring = new Float64Array(Math.max(1, ...this.running.map((r) => r.recentSize)));
    if (saved) {
      this.cursorPoint = saved.cursor ? { ...saved.cursor } : null;
      for (const e of saved.recent.slice(-this.ring.length)) this.push(e);
    }
  }

  /** Restores a bank saved by toJSON under the given (possibly changed) policy; see `restarted`. */
  static fromJSON(json: DetectorBankJSON, policy: readonly PerformanceDetectorPolicy[], task: PerformanceTask = json.task): DetectorBank {
    if (json?.version !== 1) throw new TypeError(`unsupported detector bank state version ${String(json?.version)}`);
    return new DetectorBank(policy, task, json);
  }

  /** The last point fed: points at or before it are ignored by feed (a replay after a restart is harmless). */
  get cursor(): { readonly eventTime: number; readonly eventId: string } | null {
    return this.cursorPoint;
  }

  /** Per running detector: points fed and detections (reported or not), for logs and the simulation. */
  counts(): { detector: PerformanceDetectorName; seen: number; detections: number }[] {
    return this.running.map((r) => ({ detector: r.name, seen: r.seen, detections: r.detections }));
  }

  /** Feeds points in stream order (errorStream's); returns the firings, in order. */
  feed(points: Iterable<ErrorPoint>): DetectorFiring[] {
    const firings: DetectorFiring[] = [];
    for (const point of points) {
      if (this.cursorPoint && compareErrorPoints(point, this.cursorPoint) <= 0) continue;
      this.cursorPoint = { eventTime: point.eventTime, eventId: point.eventId };
      this.push(point.error);
      for (const r of this.running) {
        const firing = this.step(r, point);
        if (firing) firings.push(firing);
      }
    }
    return firings;
  }

  private step(r: Running, point: ErrorPoint): DetectorFiring | null {
    const d = r.detector;
    const adwin = d instanceof ADWIN ? d : null;
    // An ADWIN that detected on its last update starts a new window on this one.
    const widthBefore = adwin && !adwin.driftDetected ? adwin.width : 0;
    const totalBefore = adwin && !adwin.driftDetected ? adwin.estimation * adwin.width : 0;
    d.update(point.error);
    r.seen += 1;
    r.segmentCount += 1;
    r.segmentSum += point.error;
    if (!d.driftDetected) return null;
    r.detections += 1;

    let before: number | null;
    let after: number | null;
    if (adwin) {
      const droppedWidth = widthBefore + 1 - adwin.width;
      const keptTotal = adwin.estimation * adwin.width;
      before = droppedWidth > 0 ? (totalBefore + point.error - keptTotal) / droppedWidth : null;
      after = adwin.width > 0 ? adwin.estimation : null;
    } else {
      const n = Math.min(r.recentSize, Math.floor(r.segmentCount / 2), this.ringLength);
      const recentSum = this.newestSum(n);
      before = n > 0 ? (r.segmentSum - recentSum) / (r.segmentCount - n) : null;
      after = n > 0 ? recentSum / n : null;
    }
    r.segmentCount = 0;
    r.segmentSum = 0;
    if (before === null || after === null || !(after > before)) return null;
    return {
      detector: r.name,
      params: effectiveParams(d),
      severity: r.severity,
      eventId: point.eventId,
      eventTime: point.eventTime,
      index: r.seen,
      errorBefore: before,
      errorAfter: after,
    };
  }

  private push(error: number): void {
    const size = this.ring.length;
    if (this.ringLength < size) {
      this.ring[(this.ringStart + this.ringLength) % size] = error;
      this.ringLength += 1;
    } else {
      this.ring[this.ringStart] = error;
      this.ringStart = (this.ringStart + 1) % size;
    }
  }

  private newestSum(n: number): number {
    const size = this.ring.length;
    let sum = 0;
    for (let i = this.ringLength - n; i < this.ringLength; i++) sum += this.ring[(this.ringStart + i) % size];
    return sum;
  }

  toJSON(): DetectorBankJSON {
    const recent: number[] = [];
    for (let i = 0; i < this.ringLength; i++) recent.push(this.ring[(this.ringStart + i) % this.ring.length]);
    return {
      version: 1,
      task: this.task,
      cursor: this.cursorPoint ? { ...this.cursorPoint } : null,
      recent,
      detectors: this.running.map((r) => ({
        name: r.name,
        params: { ...r.policyParams },
        seen: r.seen,
        detections: r.detections,
        segmentCount: r.segmentCount,
        segmentSum: r.segmentSum,
        state: r.detector.toJSON(),
      })),
    };
  }
}

function effectiveParams(d: DriftDetector): DetectorParams {
  return { ...((d as unknown as { params: DetectorParams }).params ?? {}) };
}

/** The arguments with the libs/stats defaults filled in, for the parameters the bank itself reads (KSWIN's statSize). */
function defaultsOf(name: PerformanceDetectorName, args: Record<string, unknown>): Record<string, unknown> {
  return { ...effectiveParams(buildDetector(name, args)) };
}
