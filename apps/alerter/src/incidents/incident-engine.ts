import { decodeEvaluation, encodeIncidentEvent, withoutEvidence, withoutExplanation, type IncidentEvent } from '@driftwatch/contracts';
import type { DriftwatchConfig } from '@driftwatch/config';
import { ConsumerShell, dlqEntry, recordBytesBound, type BatchContext, type DlqEntry, type PartitionRef } from '@driftwatch/kafka';
import type { IncidentRepository } from '@driftwatch/store';
import type { Kafka } from 'kafkajs';
import type { AlerterMetrics } from '../alerter.metrics';
import type { AlerterOptions } from '../alerter.options';
import { emptyChanges, ModelStates } from './model-states';

export interface EngineLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface IncidentEngineDeps {
  config: DriftwatchConfig;
  kafka: Kafka;
  options: AlerterOptions;
  metrics: AlerterMetrics;
  log: EngineLog;
  incidents: IncidentRepository;
}

// Evaluations list every feature with its metrics: allow more than the 1 MiB default of events.
const DECODE_OPTIONS = { maxBytes: 16 * 1024 * 1024 };

/**
 * Evaluations in, incidents out. Per consumer batch: apply every evaluation to its model
 * version's state (every version of a model is loaded from ClickHouse the first time the model is
 * seen in a generation: a window of one version may retire another, see retireVersions), then
 *   1. publish the lifecycle events to driftwatch.incidents (keyed by modelId, acks=all),
 *   2. write the incidents' latest views and the new state snapshots to ClickHouse,
 *   3. commit the batch's offsets.
 * A crash between 1 and 2 replays the batch onto the old state and publishes the very same
 * events again (the state machine is deterministic), which consumers drop by incidentId +
 * eventType + updatedAt; a crash between 2 and 3 replays onto the new state, where every
 * evaluation is a duplicate and nothing is published. So nothing is lost, and duplicates are
 * byte-identical. The state lives in ClickHouse rather than being rebuilt from the incidents
 * topic because the topic holds no counters (consecutive clean windows, streaks not yet open).
 *
 * Evaluations must be keyed by modelId (the evaluator does so) so that one model's state has
 * one owner at a time.
 */
export class IncidentEngine {
  private readonly incidents: IncidentRepository;
  /** A model absent here was not loaded yet in this generation, or was evicted once stored. */
  private readonly states: ModelStates;
  private readonly shell: ConsumerShell;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private lastError: string | null = null;

  constructor(private readonly deps: IncidentEngineDeps) {
    this.incidents = deps.incidents;
    this.states = new ModelStates({ incidents: deps.incidents, incidentPolicy: deps.options.incidentPolicy, log: deps.log, capacity: deps.options.stateCapacity });
    this.shell = new ConsumerShell(deps.kafka, {
      name: 'evaluation consumer',
      dlqTopic: deps.config.topics.dlq,
      maxMessageBytes: deps.config.kafka.maxMessageBytes,
      log: deps.log,
    });
  }

  async start(): Promise<void> {
    const { config, options } = this.deps;
    await this.refreshOpenIncidents();
    await this.shell.start({
      groupId: config.kafka.groups.alerter,
      topics: [config.topics.evaluations],
      handler: (batch) => this.onBatch(batch),
      onPartitionsAssigned: (refs) => this.deps.metrics.keepPartitions(new Set(refs.map(partitionName))),
      // Cached states may be ahead of what was committed: the next owner (maybe us) reloads them.
      onPartitionsRevoked: () => {
        this.states.clear();
      },
      onError: (error) => {
        this.lastError = error.message;
      },
      ...options.consumer,
    });
    this.running = true;
    this.timer = setInterval(() => void this.refreshOpenIncidents().catch(() => undefined), options.openIncidentsRefreshMs);
    this.timer.unref();
    this.deps.log.log(`consuming ${config.topics.evaluations} as group ${config.kafka.groups.alerter}, publishing to ${config.topics.incidents}`);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.shell.stop();
    this.running = false;
  }

  isRunning(): boolean {
    return this.running;
  }

  status(): { running: boolean; lastError: string | null } {
    return { running: this.isRunning(), lastError: this.lastError };
  }

  /** Waits until the consumer owns partitions (tests). */
  whenAssigned(): Promise<void> {
    return this.shell.whenAssigned();
  }

  private async onBatch(batch: BatchContext): Promise<{ durableThrough: string }> {
    const { config, metrics, log } = this.deps;
    const changes = emptyChanges();
    const { events } = changes;
    const dead: DlqEntry[] = [];
    const partition = partitionName(batch);

    for (const message of batch.messages) {
      const decoded = decodeEvaluation(message.value ?? Buffer.alloc(0), DECODE_OPTIONS);
      if (!decoded.ok) {
        metrics.evaluations.inc({ outcome: 'invalid' });
        dead.push(dlqEntry(batch, message, `invalid evaluation: ${decoded.reason}`));
        continue;
      }
      const evaluation = decoded.event;
      const outcome = await this.states.apply(evaluation, changes);
      metrics.evaluations.inc({ outcome });
      if (outcome !== 'applied' && outcome !== 'revised') continue;
      metrics.observeEvaluation(evaluation, partition);
    }

    await this.shell.deadLetter(dead);
    await this.shell.sender.send(
      config.topics.incidents,
      events.map((e) => ({ key: e.modelId, value: encodeIncidentEvent(e), headers: { 'dw-event-type': e.eventType } })),
      // An event over the topic's limit goes without its drift explanation, or if that is not
      // enough without the evidence's summaries and details.
      { shrink: (record, max, i) => ({ ...record, value: shrunkIncidentEvent(events[i], max - (recordBytesBound(record) - (record.value?.length ?? 0))) }) },
    );
    await this.states.persist(changes);
    metrics.countIncidentEvents(events);
    for (const e of events) log.log(`incident ${e.incidentId} ${e.eventType}: ${e.modelId} ${e.kind}${e.feature ? `/${e.feature}` : ''} ${e.severity}`);
    if (changes.records.size > 0) await this.refreshOpenIncidents();
    return { durableThrough: batch.lastOffset };
  }

  private async refreshOpenIncidents(): Promise<void> {
    try {
      this.deps.metrics.setOpenIncidents(await this.incidents.countOpen());
    } catch (error) {
      this.deps.log.warn(`could not refresh driftwatch_incidents_open: ${(error as Error).message}`);
    }
  }
}

function shrunkIncidentEvent(event: IncidentEvent, maxValueBytes: number): Buffer {
  const lighter = encodeIncidentEvent({ ...event, evidence: withoutExplanation(event.evidence) });
  return lighter.length <= maxValueBytes ? lighter : encodeIncidentEvent(withoutBulkyEvidence(event));
}

function withoutBulkyEvidence(event: IncidentEvent): IncidentEvent {
  const evidence = withoutEvidence(event.evidence);
  return { ...event, evidence: { ...evidence, message: `${evidence.message.slice(0, 1_000)} [evidence summaries left out: over the topic's size limit]` } };
}

function partitionName(ref: PartitionRef): string {
  return `${ref.topic}:${ref.partition}`;
}
