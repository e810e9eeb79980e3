import type { Finding, PerformanceTask } from '@driftwatch/contracts';
import { DETECTOR_SPECS } from './detector-specs';
import type { DetectorFiring } from './detector-bank';

/** What the caller knows beside the firing: the task (how errors read) and the labels behind them. */
export interface DetectorFindingContext {
  readonly task: PerformanceTask;
  /** Label coverage of the window or period the firing happened in, when known. */
  readonly coverage?: number;
  /** Labelled predictions of that window or period, when known. */
  readonly labelled?: number;
}

const percent = (v: number): string => `${(100 * v).toFixed(1)} %`;
const plain = (v: number): string => (Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.001) ? v.toExponential(3) : Number(v.toPrecision(4)).toString());

/** A detector firing as a `performance_degradation` finding (feature null; metric: the detector). */
export function detectorFinding(firing: DetectorFiring, context: DetectorFindingContext): Finding {
  const regression = context.task === 'regression';
  const what = regression ? 'mean absolute error' : 'error rate';
  const fmt = regression ? plain : percent;
  const details: Record<string, unknown> = {
    detector: firing.detector,
    params: { ...firing.params },
    index: firing.index,
    eventId: firing.eventId,
    eventTime: firing.eventTime,
    errorBefore: firing.errorBefore,
    errorAfter: firing.errorAfter,
  };
  if (context.coverage !== undefined) details.coverage = context.coverage;
  if (context.labelled !== undefined) details.labelled = context.labelled;
  const river = DETECTOR_SPECS[firing.detector].river.split('.').pop();
  return {
    kind: 'performance_degradation',
    feature: null,
    severity: firing.severity,
    metric: firing.detector,
    value: Number.isFinite(firing.errorAfter) ? firing.errorAfter : null,
    threshold: firing.errorBefore,
    message:
      `${river} detected a rise in the ${what} from ${fmt(firing.errorBefore)} to ${fmt(firing.errorAfter)} ` +
      `at labelled prediction ${firing.index.toLocaleString('en-US')} (event ${firing.eventId}, ${new Date(firing.eventTime).toISOString()}).`,
    details,
  };
}
