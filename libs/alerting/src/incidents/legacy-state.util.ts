import type { KeyState, ModelIncidentState } from './incident-state';

export interface LegacySplit {
  /** One state per version that had an open incident, holding that version's open keys. */
  states: ModelIncidentState[];
  /** Keys left out: streaks not yet open, whose version the per-model state never recorded. */
  dropped: Pick<KeyState, 'kind' | 'feature' | 'consecutiveBad'>[];
  /**
   * The start of any other version's state: no keys, the old state's ordering memory, so an
   * evaluation of that version applied by the old alerter and replayed after the upgrade is still
   * a duplicate. Use with its modelVersion set (legacyBaseFor).
   */
  base: Omit<ModelIncidentState, 'modelVersion'>;
}

/**
 * Turns a state stored before states were per version (one state per model and granularity)
 * into per-version states. An open incident knows its version (the version of its newest bad
 * window), so each one moves, id and counters unchanged, to that version's state: it stays open
 * and resolves, by the same id, after `resolveAfter` clean windows of that version. A streak not
 * yet open recorded no version, so it is dropped: at worst an incident opens up to openAfter - 1
 * windows later than it would have. Every new state keeps the old one's ordering memory
 * (applied ids, watermarks): evaluations replayed after the upgrade stay duplicates or stale
 * exactly as they were, and so does `base`, the start of every other version's state.
 * Deterministic, so a crash before the split states are saved splits the same way again.
 */
export function splitLegacyState(legacy: ModelIncidentState): LegacySplit {
  const byVersion = new Map<string, ModelIncidentState>();
  const dropped: LegacySplit['dropped'] = [];
  for (const [key, ks] of Object.entries(legacy.keys).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!ks.open) {
      dropped.push({ kind: ks.kind, feature: ks.feature, consecutiveBad: ks.consecutiveBad });
      continue;
    }
    const version = ks.open.modelVersion;
    let state = byVersion.get(version);
    if (!state) {
      state = { ...structuredClone(legacy), modelVersion: version, keys: {} };
      byVersion.set(version, state);
    }
    state.keys[key] = structuredClone(ks);
  }
  const { modelVersion: _v, ...rest } = structuredClone(legacy);
  return { states: [...byVersion.values()], dropped, base: { ...rest, keys: {} } };
}

/** The state a version not split out of a legacy state starts from (see LegacySplit.base). */
export function legacyBaseFor(base: LegacySplit['base'], modelVersion: string): ModelIncidentState {
  return { ...structuredClone(base), modelVersion };
}
