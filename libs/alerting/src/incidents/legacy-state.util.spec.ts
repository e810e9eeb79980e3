import { describe, expect, it } from 'vitest';
import { evaluation, finding, MINUTE, T0 } from './evaluation.test-util';
import { applyEvaluation } from './incident-machine';
import { DEFAULT_INCIDENT_POLICY } from './incident-policy';
import type { ModelIncidentState } from './incident-state';
import { legacyBaseFor, splitLegacyState } from './legacy-state.util';

const policy = { ...DEFAULT_INCIDENT_POLICY, openAfter: 2, resolveAfter: 2 };

/**
 * A per-model state as the alerter stored it before states were per version (no modelVersion):
 * a data_drift incident opened by version 7 (id without version), an open silence of version 8,
 * and a streak not yet open.
 */
function legacyState(): ModelIncidentState {
  const open = (incidentId: string, modelVersion: string) => ({
    incidentId,
    modelVersion,
    severity: 'warning' as const,
    openedAt: T0 + 2 * MINUTE,
    updatedAt: T0 + 2 * MINUTE,
    lastNotifiedAt: T0 + 2 * MINUTE,
    windowStart: T0 + MINUTE,
    windowEnd: T0 + 2 * MINUTE,
    badWindows: 2,
    evidence: finding('data_drift', 'income'),
    revision: 1,
  });
  const legacy = {
    modelId: 'm',
    granularity: 'window',
    keys: {
      'data_drift\u0000income': { kind: 'data_drift', feature: 'income', consecutiveBad: 2, consecutiveClean: 0, streakStart: T0, streakSeverity: 'warning', open: open('inc_old_drift', '7') },
      'data_drift\u0000age': { kind: 'data_drift', feature: 'age', consecutiveBad: 1, consecutiveClean: 0, streakStart: T0 + MINUTE, streakSeverity: 'warning', open: null },
      'silence\u0000': { kind: 'silence', feature: null, consecutiveBad: 1, consecutiveClean: 0, streakStart: T0, streakSeverity: 'critical', open: open('inc_old_silence', '8') },
    },
    appliedEvaluationIds: ['m/1/window/x'],
    lastWindowStart: T0 + MINUTE,
    lastSilenceStart: null,
    lastWindowEvaluatedAt: T0 + 2 * MINUTE + 1_000,
    revision: 9,
  };
  return legacy as unknown as ModelIncidentState;
}

describe('splitLegacyState', () => {
  it('moves each open incident, id unchanged, to the state of its version and drops streaks not yet open', () => {
    const { states, dropped } = splitLegacyState(legacyState());
    expect(states.map((s) => [s.modelVersion, Object.keys(s.keys)])).toEqual([
      ['7', ['data_drift\u0000income']],
      ['8', ['silence\u0000']],
    ]);
    expect(dropped).toEqual([{ kind: 'data_drift', feature: 'age', consecutiveBad: 1 }]);
    for (const s of states) {
      expect(s).toMatchObject({ modelId: 'm', granularity: 'window', appliedEvaluationIds: ['m/1/window/x'], lastWindowStart: T0 + MINUTE, revision: 9 });
    }
  });

  it('the moved incident resolves under its old id after resolveAfter clean windows of its version; a window applied before stays stale', () => {
    const v7 = splitLegacyState(legacyState()).states[0];
    const win = (i: number) => evaluation(i, [], { modelVersion: '7', evaluationId: `m/7/${i}` });
    expect(applyEvaluation(v7, win(0), policy).outcome).toBe('stale');
    const first = applyEvaluation(v7, win(2), policy);
    const second = applyEvaluation(first.state, win(3), policy);
    expect(first.events).toEqual([]);
    expect(second.events.map((e) => [e.incidentId, e.eventType, e.modelVersion])).toEqual([['inc_old_drift', 'resolved', '7']]);
  });

  it("starts any other version from the old state's ordering memory: a window the old alerter applied stays a duplicate", () => {
    const { base } = splitLegacyState(legacyState());
    const v9 = legacyBaseFor(base, '9');
    expect(v9).toMatchObject({ modelId: 'm', modelVersion: '9', keys: {}, appliedEvaluationIds: ['m/1/window/x'], lastWindowStart: T0 + MINUTE });
    expect(applyEvaluation(v9, evaluation(1, [], { modelVersion: '9', evaluationId: 'm/1/window/x' }), policy).outcome).toBe('duplicate');
    expect(applyEvaluation(v9, evaluation(2, [], { modelVersion: '9', evaluationId: 'm/9/2' }), policy).outcome).toBe('applied');
  });

  it('is deterministic and leaves its input alone', () => {
    const legacy = legacyState();
    const copy = structuredClone(legacy);
    expect(splitLegacyState(legacy)).toEqual(splitLegacyState(copy));
    expect(legacy).toEqual(copy);
  });
});
