import { createHash } from 'node:crypto';
import type { IncidentKind } from '@driftwatch/contracts';
import type { Granularity } from './incident-state';

/**
 * Deterministic in the key and the first bad window of the streak that opened it: replaying the
 * same evaluations after a crash yields the same id, so consumers and webhook receivers see one
 * incident, not two. The model version is part of it because two versions live together judge
 * the same (kind, feature) apart and may start bad streaks at the same window. Incidents opened
 * before that (ids without the version) keep their ids: an open incident's id is stored in its
 * state, never recomputed.
 */
export function incidentIdOf(
  modelId: string,
  modelVersion: string,
  granularity: Granularity,
  kind: IncidentKind,
  feature: string | null,
  streakStart: number,
): string {
  const digest = createHash('sha256').update(JSON.stringify([modelId, granularity, kind, feature, streakStart, modelVersion])).digest('hex');
  return `inc_${digest.slice(0, 32)}`;
}
