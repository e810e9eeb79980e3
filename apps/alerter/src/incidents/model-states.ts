import {
  applyEvaluation,
  applySilenceOfOtherVersion,
  emptyModelState,
  legacyBaseFor,
  resolveIncidentPolicy,
  retireVersions,
  splitLegacyState,
  type ApplyOutcome,
  type Granularity,
  type IncidentPolicy,
  type IncidentRecord,
  type LegacySplit,
  type ModelIncidentState,
} from '@driftwatch/alerting';
import type { EvaluationMessage, IncidentEvent } from '@driftwatch/contracts';
import { asTransient } from '@driftwatch/kafka';
import { LEGACY_STATE_VERSION, type IncidentRepository } from '@driftwatch/store';

/**
 * How many version states (one per model, version and granularity) the alerter keeps in memory
 * at most between batches (docs/security.md, "Bounds and retention"). Past it, the least recently
 * used models are dropped once stored and read again from `incident_states` at their next
 * evaluation.
 */
export const INCIDENT_STATE_CAPACITY = 10_000;

export interface ModelStatesLog {
  log(message: string): void;
  warn(message: string): void;
}

export interface ModelStatesDeps {
  incidents: IncidentRepository;
  /** The policy an evaluation's own policy overrides (the alerter's configuration). */
  incidentPolicy: Readonly<IncidentPolicy>;
  log: ModelStatesLog;
  /** Default INCIDENT_STATE_CAPACITY. */
  capacity?: number;
}

/** What one consumer batch changed: published, then stored, by `persist`. */
export interface BatchChanges {
  events: IncidentEvent[];
  /** By incident id: the latest view of each incident the batch changed. */
  records: Map<string, IncidentRecord>;
  /** By stateKey: version states changed and not yet stored. */
  dirty: Map<string, ModelIncidentState>;
}

export function emptyChanges(): BatchChanges {
  return { events: [], records: new Map(), dirty: new Map() };
}

const modelKey = (modelId: string, granularity: Granularity) => `${granularity}\u0000${modelId}`;
const stateKey = (s: Pick<ModelIncidentState, 'modelId' | 'modelVersion' | 'granularity'>) => `${s.granularity}\u0000${s.modelId}\u0000${s.modelVersion}`;

/** The states of one model at one granularity, by version. */
type VersionStates = Map<string, ModelIncidentState>;

/**
 * The alerter's incident states, cached by model. Every version of a model is loaded together
 * from ClickHouse the first time the model is seen (a window of one version may retire another,
 * see retireVersions), so a model (at one granularity) is the unit of caching and of eviction.
 *
 * Bounded: after a batch's states are stored (`persist`), the least recently used models are
 * dropped until at most `capacity` version states remain. Only then, never while a batch holds
 * changes not yet stored: a dropped model's states are exactly its stored snapshots, so reading
 * them back at its next evaluation gives the same decisions as keeping them. A batch that fails
 * restarts the consumer, which clears the whole cache (`clear`), so no unsaved state survives one.
 */
export class ModelStates {
  readonly capacity: number;
  /** By modelKey, least recently used first (a Map's insertion order, refreshed on every use). */
  private readonly models = new Map<string, VersionStates>();
  /**
   * By modelKey, for models whose stored state was per model: where their other versions start.
   * Kept when the model is evicted (the legacy row is no longer split once a version state is
   * stored, so it could not be rebuilt): bounded by the models stored before states were per
   * version, which no traffic adds to.
   */
  private readonly legacyBases = new Map<string, LegacySplit['base']>();

  constructor(private readonly deps: ModelStatesDeps) {
    const capacity = deps.capacity ?? INCIDENT_STATE_CAPACITY;
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`ModelStates: capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
  }

  /** Version states held in memory. */
  get size(): number {
    let n = 0;
    for (const versions of this.models.values()) n += versions.size;
    return n;
  }

  /** Models held in memory (tests). */
  has(modelId: string, granularity: Granularity): boolean {
    return this.models.has(modelKey(modelId, granularity));
  }

  /** Forgets every cached state: they may be ahead of what was committed (partitions revoked, batch failed). */
  clear(): void {
    this.models.clear();
    this.legacyBases.clear();
  }

  /** Applies one evaluation to its version's state and the model's other versions, adding what changed to `changes`. */
  async apply(evaluation: EvaluationMessage, changes: BatchChanges): Promise<ApplyOutcome> {
    const key = modelKey(evaluation.modelId, evaluation.granularity);
    const versions = this.touch(key) ?? (await this.loadModel(evaluation.modelId, evaluation.granularity, changes.dirty));
    const legacyBase = this.legacyBases.get(key);
    const state =
      versions.get(evaluation.modelVersion) ??
      (legacyBase ? legacyBaseFor(legacyBase, evaluation.modelVersion) : emptyModelState(evaluation.modelId, evaluation.modelVersion, evaluation.granularity));
    const { policy, problems } = resolveIncidentPolicy(evaluation.policy, this.deps.incidentPolicy);
    if (problems.length > 0) this.deps.log.warn(`evaluation ${evaluation.evaluationId}: ${problems.join('; ')}; using the defaults for those`);
    const result = applyEvaluation(state, evaluation, policy);
    if (result.outcome !== 'applied' && result.outcome !== 'revised') return result.outcome;
    // A revision's window was counted when first applied: the other versions' silence counted it then.
    const others = result.outcome === 'applied' ? [...versions.values()].filter((s) => s.modelVersion !== evaluation.modelVersion) : [];
    const silences = others.map((s) => applySilenceOfOtherVersion(s, evaluation, policy)).filter((r) => r.outcome === 'applied');
    for (const r of silences) versions.set(r.state.modelVersion, r.state);
    for (const applied of [result, ...silences, ...retireVersions([...versions.values()], evaluation)]) {
      versions.set(applied.state.modelVersion, applied.state);
      changes.dirty.set(stateKey(applied.state), applied.state);
      changes.events.push(...applied.events);
      for (const record of applied.changed) changes.records.set(record.incidentId, record);
    }
    return result.outcome;
  }

  /**
   * Stores the batch's incident views and state snapshots, then evicts past the capacity: every
   * state in memory is now either stored as it is or was read from the store unchanged.
   */
  async persist(changes: BatchChanges): Promise<void> {
    try {
      await this.deps.incidents.saveIncidents([...changes.records.values()]);
      await this.deps.incidents.saveStates(
        [...changes.dirty.values()].map((s) => ({ modelId: s.modelId, modelVersion: s.modelVersion, granularity: s.granularity, revision: s.revision, state: s })),
      );
    } catch (error) {
      throw asTransient(error);
    }
    changes.dirty.clear();
    this.evictStored();
  }

  private evictStored(): void {
    let held = this.size;
    for (const [key, versions] of this.models) {
      if (held <= this.capacity) break;
      this.models.delete(key);
      held -= versions.size;
    }
  }

  private touch(key: string): VersionStates | undefined {
    const versions = this.models.get(key);
    if (versions) {
      this.models.delete(key);
      this.models.set(key, versions);
    }
    return versions;
  }

  /**
   * Every stored version state of a model. A state stored before states were per version (one per
   * model) is read only while the model has no per-version state yet: it is split into the
   * versions of its open incidents (splitLegacyState), which go to `dirty` so this batch stores
   * them, and any other version starts from its ordering memory; from then on the old row is
   * ignored.
   */
  private async loadModel(modelId: string, granularity: Granularity, dirty: Map<string, ModelIncidentState>): Promise<VersionStates> {
    const stored = await this.deps.incidents.loadStates(modelId, granularity).catch((error: unknown) => {
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
    this.models.set(modelKey(modelId, granularity), versions);
    return versions;
  }
}
