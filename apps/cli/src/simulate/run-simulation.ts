import { encodeInferenceEvent } from '@driftwatch/contracts';
import { EventClock } from './event-clock';
import { EventGenerator } from './event-generator';
import type { EventPublisher } from './event-publisher';
import type { SimulateOptions } from './simulate-options';

export interface SimulationResult {
  sent: number;
  /** Event times of the first and last event sent (epoch ms); null when none was. */
  firstEventTime: number | null;
  lastEventTime: number | null;
  /** Event time of the first drifted event sent; null when none was. */
  driftStartTime: number | null;
  /** Distinct event-time windows the events fell into. */
  windows: number;
  elapsedMs: number;
  interrupted: boolean;
}

export interface SimulationHooks {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called after each batch. */
  onProgress?: (sent: number) => void;
  /** Checked between batches: true stops the run early (Ctrl-C). */
  stopped?: () => boolean;
  runId?: string;
}

/** About a tenth of a second of traffic per produce request: smooth pacing, few requests. */
const BATCH_SECONDS = 0.1;

/** Generates the events, paces them at the requested rate and publishes them in batches. */
export async function runSimulation(options: SimulateOptions, publisher: Pick<EventPublisher, 'send'>, hooks: SimulationHooks = {}): Promise<SimulationResult> {
  const now = hooks.now ?? Date.now;
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = now();
  const clock = new EventClock(started, options.events, options.rate, options.timeScale);
  const generator = new EventGenerator({
    modelId: options.model,
    modelVersion: options.modelVersion,
    seed: options.seed,
    scenario: options.scenario,
    driftFrom: options.driftFrom,
    runId: hooks.runId ?? `sim-${started.toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`,
  });
  const batchSize = Math.max(1, Math.round(options.rate * BATCH_SECONDS));
  const result: SimulationResult = { sent: 0, firstEventTime: null, lastEventTime: null, driftStartTime: null, windows: 0, elapsedMs: 0, interrupted: false };
  let lastWindow: number | null = null;
  for (let from = 0; from < options.events; from += batchSize) {
    if (hooks.stopped?.()) {
      result.interrupted = true;
      break;
    }
    const to = Math.min(from + batchSize, options.events);
    // Wait for the batch's last event: nothing leaves before its time, so no stamp is ahead of the clock.
    const wait = clock.dueAt(to - 1) - now();
    if (wait > 0) await sleep(wait);
    const batch: { key: string; value: Buffer }[] = [];
    for (let i = from; i < to; i++) {
      const stamp = clock.stamp(i);
      batch.push({ key: options.model, value: encodeInferenceEvent(generator.next(stamp)) });
      const window = Math.floor(stamp / options.windowMs);
      if (window !== lastWindow) result.windows++;
      lastWindow = window;
      if (i === options.driftFrom) result.driftStartTime = stamp;
    }
    await publisher.send(batch);
    result.sent = to;
    result.firstEventTime ??= clock.stamp(0);
    result.lastEventTime = clock.stamp(to - 1);
    hooks.onProgress?.(result.sent);
  }
  result.elapsedMs = now() - started;
  return result;
}
