import { encodeInferenceEvent, encodeLabelEvent } from '@driftwatch/contracts';
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
  /** Labels (concept scenario): sent, never to be sent (--label-share), still due when interrupted. */
  labels: { sent: number; unlabelled: number; dropped: number };
  elapsedMs: number;
  interrupted: boolean;
}

export interface SimulationProgress {
  sent: number;
  labelsSent: number;
  /** Labels scheduled and not sent yet. */
  labelsPending: number;
}

export interface SimulationHooks {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called after each batch of events or labels. */
  onProgress?: (progress: SimulationProgress) => void;
  /** Checked between batches: true stops the run early (Ctrl-C). */
  stopped?: () => boolean;
  runId?: string;
}

type Sender = Pick<EventPublisher, 'send'>;

/** About a tenth of a second of traffic per produce request: smooth pacing, few requests. */
const BATCH_SECONDS = 0.1;

interface DueLabel {
  due: number;
  record: { key: string; value: Buffer };
}

/**
 * Generates the events, paces them at the requested rate and publishes them in batches. With
 * labels (options.labels, and a `labels` sender), each labelled event's label follows it by
 * the label delay, and the run lasts until the last label is sent.
 */
export async function runSimulation(options: SimulateOptions, publisher: Sender, hooks: SimulationHooks = {}, labelPublisher?: Sender): Promise<SimulationResult> {
  const now = hooks.now ?? Date.now;
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = now();
  const clock = new EventClock(started, options.events, options.rate, options.timeScale);
  const labels = labelPublisher === undefined ? null : options.labels;
  const generator = new EventGenerator({
    modelId: options.model,
    modelVersion: options.modelVersion,
    seed: options.seed,
    scenario: options.scenario,
    driftFrom: options.driftFrom,
    runId: hooks.runId ?? `sim-${started.toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`,
    labelShare: labels?.share,
  });
  const batchSize = Math.max(1, Math.round(options.rate * BATCH_SECONDS));
  const result: SimulationResult = {
    sent: 0,
    firstEventTime: null,
    lastEventTime: null,
    driftStartTime: null,
    windows: 0,
    labels: { sent: 0, unlabelled: 0, dropped: 0 },
    elapsedMs: 0,
    interrupted: false,
  };
  // Due times only grow (events are in order, the delay is fixed): a FIFO queue is in due order.
  const pending: DueLabel[] = [];
  let head = 0;
  const progress = () => hooks.onProgress?.({ sent: result.sent, labelsSent: result.labels.sent, labelsPending: pending.length - head });
  let lastWindow: number | null = null;
  let from = 0;
  for (;;) {
    const eventsDue = from < options.events ? clock.dueAt(Math.min(from + batchSize, options.events) - 1) : Infinity;
    const labelsDue = head < pending.length ? pending[head].due : Infinity;
    if (eventsDue === Infinity && labelsDue === Infinity) break;
    if (hooks.stopped?.()) {
      result.interrupted = true;
      break;
    }
    // Nothing leaves before its time: no event is stamped ahead of the clock, no label comes early.
    const wait = Math.min(eventsDue, labelsDue) - now();
    if (wait > 0) await sleep(wait);
    if (eventsDue <= labelsDue) {
      const to = Math.min(from + batchSize, options.events);
      const batch: { key: string; value: Buffer }[] = [];
      for (let i = from; i < to; i++) {
        const stamp = clock.stamp(i);
        const { event, label } = generator.nextLabelled(stamp);
        batch.push({ key: options.model, value: encodeInferenceEvent(event) });
        if (labels !== null) {
          if (label === null) result.labels.unlabelled++;
          else {
            const due = clock.dueAt(i) + labels.delayMs;
            pending.push({ due, record: { key: options.model, value: encodeLabelEvent({ eventId: event.eventId, modelId: options.model, timestamp: due, label }) } });
          }
        }
        const window = Math.floor(stamp / options.windowMs);
        if (window !== lastWindow) result.windows++;
        lastWindow = window;
        if (i === options.driftFrom) result.driftStartTime = stamp;
      }
      await publisher.send(batch);
      from = to;
      result.sent = to;
      result.firstEventTime ??= clock.stamp(0);
      result.lastEventTime = clock.stamp(to - 1);
    } else {
      const at = now();
      let end = head;
      while (end < pending.length && end - head < batchSize && pending[end].due <= at) end++;
      await (labelPublisher as Sender).send(pending.slice(head, end).map((l) => l.record));
      result.labels.sent += end - head;
      head = end;
      // Let the sent labels go: a long run at a high rate would otherwise keep them all.
      if (head > 10_000) {
        pending.splice(0, head);
        head = 0;
      }
    }
    progress();
  }
  result.labels.dropped = pending.length - head;
  result.elapsedMs = now() - started;
  return result;
}
