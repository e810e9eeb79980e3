import {
  applyEvaluation,
  applySilenceOfOtherVersion,
  emptyModelState,
  legacyBaseFor,
  resolveIncidentPolicy,
  type LegacySplit,
  retireVersions,
  splitLegacyState,
  type Granularity,
  type IncidentRecord,
  type ModelIncidentState,
} from '@driftwatch/alerting';
import { decodeEvaluation, encodeIncidentEvent, withoutEvidence, withoutExplanation, type IncidentEvent } from '@driftwatch/contracts';
import type { DriftwatchConfig } from '@driftwatch/config';
import { asTransient, ConsumerShell, dlqEntry, recordBytesBound, type BatchContext, type DlqEntry, type PartitionRef } from '@driftwatch/kafka';
import { LEGACY_STATE_VERSION, type IncidentRepository } from '@driftwatch/store';
import type { Kafka } from 'kafkajs';
import type { AlerterMetrics } from '../alerter.metrics';
import type { AlerterOptions } from '../alerter.options';

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

const modelKey = (modelId: string, granularity: Granularity) => `${granularity}\u0000${modelId}`;
const stateKey = (s: Pick<ModelIncidentState, 'modelId' | 'modelVersion' | 'granularity'>) => `${s.granularity}\u0000${s.modelId}\u0000${s.modelVersion}`;

/** The states of one model at one granularity, by version. */
type VersionStates = Map<string, ModelIncidentState>;

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
  /** By modelKey; a model absent here was not loaded yet in this generation. */
  private readonly states = new Map<string, VersionStates>();
  /** By modelKey, for models whose stored state was per model: where their other versions start. */
  private readonly legacyBases = new Map<string, LegacySplit['base']>();
  private readonly shell: ConsumerShell;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private lastError: string | null = null;

  constructor(private readonly deps: IncidentEngineDeps) {
    this.incidents = deps.incidents;
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
        this.legacyBases.clear();
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
    const { config, metrics, options, log } = this.deps;
    const events: IncidentEvent[] = [];
    const records = new Map<string, IncidentRecord>();
    const dirty = new Map<string, ModelIncidentState>();
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
      const versions = this.states.get(modelKey(evaluation.modelId, evaluation.granularity)) ?? (await this.loadModel(evaluation.modelId, evaluation.granularity, dirty));
      const legacyBase = this.legacyBases.get(modelKey(evaluation.modelId, evaluation.granularity));
      const state =
        versions.get(evaluation.modelVersion) ??
        (legacyBase ? legacyBaseFor(legacyBase, evaluation.modelVersion) : emptyModelState(evaluation.modelId, evaluation.modelVersion, evaluation.granularity));
      const { policy, problems } = resolveIncidentPolicy(evaluation.policy, options.incidentPolicy);
      if (problems.length > 0) log.warn(`evaluation ${evaluation.evaluationId}: ${problems.join('; ')}; using the defaults for those`);
      const result = applyEvaluation(state, evaluation, policy);
      metrics.evaluations.inc({ outcome: result.outcome });
      if (result.outcome !== 'applied' && result.outcome !== 'revised') continue;
      // A revision's window was counted when first applied: the other versions' silence counted it then.
      const others = result.outcome === 'applied' ? [...versions.values()].filter((s) => s.modelVersion !== evaluation.modelVersion) : [];
      const silences = others.map((s) => applySilenceOfOtherVersion(s, evaluation, policy)).filter((r) => r.outcome === 'applied');
      for (const r of silences) versions.set(r.state.modelVersion, r.state);
      for (const applied of [result, ...silences, ...retireVersions([...versions.values()], evaluation)]) {
        versions.set(applied.state.modelVersion, applied.state);
        dirty.set(stateKey(applied.state), applied.state);
        events.push(...applied.events);
        for (const record of applied.changed) records.set(record.incidentId, record);
      }
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
    try {
      await this.incidents.saveIncidents([...records.values()]);
      await this.incidents.saveStates(
        [...dirty.values()].map((s) => ({ modelId: s.modelId, modelVersion: s.modelVersion, granularity: s.granularity, revision: s.revision, state: s })),
      );
    } catch (error) {
      throw asTransient(error);
    }
    metrics.countIncidentEvents(events);
    for (const e of events) log.log(`incident ${e.incidentId} ${e.eventType}: ${e.modelId} ${e.kind}${e.feature ? `/${e.feature}` : ''} ${e.severity}`);
    if (records.size > 0) await this.refreshOpenIncidents();
    return { durableThrough: batch.lastOffset };
  }

  /**
   * Every stored version state of a model. A state stored before states were per version (one per
   * model) is read only while the model has no per-version state yet: it is split into the
   * versions of its open incidents (splitLegacyState), which go to `dirty` so this batch stores
   * them, and any other version starts from its ordering memory; from then on the old row is
   * ignored.
   */
  private async loadModel(modelId: string, granularity: Granularity, dirty: Map<string, ModelIncidentState>): Promise<VersionStates> {
    const stored = await this.incidents.loadStates(modelId, granularity).catch((error: unknown) => {
      throw asTransient(error);
    });
    const versions: VersionStates = new Map();
    for (const row of stored) {
      if (row.modelVersion !== LEGACY_STATE_VERSION) versions.set(row.modelVersion, row.state as ModelIncidentState);
    }
    const legacy = stored.find((row) => row.modelVersion === LEGACY_STATE_VERSION);
    if (legacy && versions.size === 0) {
      const { states, dropped, base } = splitLegacyState(legacy.state as ModelIncidentState);
      this.legacyBases.set(modelKey(modelId, granularity), base);
      for (const state of states) {
        versions.set(state.modelVersion, state);
        dirty.set(stateKey(state), state);
      }
      const streaks = dropped.map((d) => `${d.kind}${d.feature ? `/${d.feature}` : ''} (${d.consecutiveBad} bad)`);
      const moved = states.length > 0 ? `moved its open incidents to the states of versions ${states.map((s) => s.modelVersion).join(', ')}` : 'no open incidents to move';
      this.deps.log.log(
        `incident state of ${modelId} (${granularity}) was stored per model, before states were per version: ${moved}` +
          (streaks.length > 0 ? `; dropped streaks not yet open, whose version was not recorded: ${streaks.join(', ')}` : ''),
      );
    }
    this.states.set(modelKey(modelId, granularity), versions);
    return versions;
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
