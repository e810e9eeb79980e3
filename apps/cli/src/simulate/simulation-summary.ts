import { DRIFT_SCENARIOS } from './drift-scenarios';
import type { BaselineOutcome } from './demo-baseline';
import type { SimulationResult } from './run-simulation';
import type { SimulateOptions } from './simulate-options';

/** What `simulate --format json` prints: the run, and where to look for its effect. */
export interface SimulationSummary {
  model: string;
  modelVersion: string;
  topic: string;
  brokers: string[];
  requested: number;
  sent: number;
  interrupted: boolean;
  seed: number;
  drift: {
    scenario: string;
    description: string;
    fromEvent: number | null;
    fromTime: string | null;
    expect: { kind: string; feature: string | null } | null;
    /** Incidents the failure raises besides `expect` (e.g. data_drift with a new category), with why. */
    alsoExpect: Array<{ kind: string; feature: string; severity: string; why: string }>;
  };
  eventTime: { from: string | null; to: string | null; timeScale: number };
  windows: { seconds: number; covered: number };
  baseline: BaselineOutcome | { status: 'not-requested' };
  /** null: no labels were published (every scenario but concept). */
  labels: { topic: string; delaySeconds: number; share: number; sent: number; unlabelled: number; dropped: number } | null;
  seconds: number;
  look: { incidents: string; windows: string; metrics: string };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function simulationSummary(options: SimulateOptions, result: SimulationResult, baseline: BaselineOutcome | null): SimulationSummary {
  const scenario = DRIFT_SCENARIOS[options.scenario];
  const model = encodeURIComponent(options.model);
  return {
    model: options.model,
    modelVersion: options.modelVersion,
    topic: options.topic,
    brokers: options.brokers,
    requested: options.events,
    sent: result.sent,
    interrupted: result.interrupted,
    seed: options.seed,
    drift: {
      scenario: scenario.name,
      description: scenario.description,
      fromEvent: scenario.name === 'none' ? null : options.driftFrom,
      fromTime: iso(result.driftStartTime),
      expect: scenario.expect,
      alsoExpect: [...scenario.also],
    },
    eventTime: { from: iso(result.firstEventTime), to: iso(result.lastEventTime), timeScale: options.timeScale },
    windows: { seconds: options.windowMs / 1000, covered: result.windows },
    baseline: baseline ?? { status: 'not-requested' },
    labels:
      options.labels === null
        ? null
        : { topic: options.labels.topic, delaySeconds: options.labels.delayMs / 1000, share: options.labels.share, ...result.labels },
    seconds: Math.round(result.elapsedMs / 100) / 10,
    look: {
      incidents: `${options.api}/api/incidents?model=${model}`,
      windows: `${options.api}/api/models/${model}/windows`,
      metrics: `${options.api.replace(/\/api$/, '')}/metrics`,
    },
  };
}

/** The summary for a person: what was sent, what to expect, where to look. */
export function renderSummary(s: SimulationSummary): string {
  const lines: string[] = [];
  lines.push(`${s.interrupted ? 'interrupted after' : 'sent'} ${s.sent} of ${s.requested} events of model ${s.model} version ${s.modelVersion} to ${s.topic} (${s.brokers.join(',')}) in ${s.seconds} s`);
  if (s.eventTime.from !== null) {
    const scale = s.eventTime.timeScale === 1 ? 'real time' : `event time ${s.eventTime.timeScale}× the clock`;
    lines.push(`event time ${s.eventTime.from} .. ${s.eventTime.to} (${scale}): ${s.windows.covered} window(s) of ${s.windows.seconds} s`);
  }
  if (s.drift.scenario === 'none') lines.push('drift: none (clean traffic)');
  else if (s.drift.fromTime === null) lines.push(`drift: ${s.drift.scenario} was not reached (it starts at event ${s.drift.fromEvent})`);
  else lines.push(`drift: ${s.drift.scenario} from event ${s.drift.fromEvent} (${s.drift.fromTime}): ${s.drift.description}`);
  if (s.drift.expect !== null && s.drift.fromTime !== null) {
    const when = s.labels === null ? 'once its window closes' : 'once the labelled windows after the flip are judged (and no data_drift)';
    lines.push(`expect: incident ${s.drift.expect.kind}${s.drift.expect.feature === null ? '' : ` on ${s.drift.expect.feature}`} ${when}`);
    for (const a of s.drift.alsoExpect) lines.push(`  and ${a.kind} (${a.severity}) on ${a.feature}: ${a.why}`);
  }
  if (s.labels !== null) {
    const dropped = s.labels.dropped > 0 ? `, ${s.labels.dropped} due after the interruption not sent` : '';
    lines.push(`labels: ${s.labels.sent} sent to ${s.labels.topic}, each ${s.labels.delaySeconds} s after its event; ${s.labels.unlabelled} event(s) never labelled (share ${s.labels.share})${dropped}`);
  }
  if (s.baseline.status === 'created') lines.push(`baseline: created ${s.baseline.baselineId}`);
  else if (s.baseline.status === 'existing') lines.push(`baseline: the active one, ${s.baseline.baselineId}, was kept`);
  else lines.push('baseline: not checked (without one, Driftwatch only counts and samples the events: pass --baseline)');
  lines.push(
    // The aggregator closes the last window when no event came for a while (30 s by default).
    'windows close when later events pass their end (plus grace), the last one about 30 s after the run; then look at:',
    `  curl '${s.look.incidents}'`,
    `  curl '${s.look.windows}'`,
    `  curl '${s.look.metrics}'`,
  );
  return `${lines.join('\n')}\n`;
}
