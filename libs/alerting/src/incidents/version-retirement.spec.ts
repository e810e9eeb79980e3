import { describe, expect, it } from 'vitest';
import { evaluation, finding, MINUTE, T0 } from './evaluation.test-util';
import { applyEvaluation } from './incident-machine';
import { DEFAULT_INCIDENT_POLICY } from './incident-policy';
import { emptyModelState } from './incident-state';
import { retireVersions, VERSION_RETIRE_MS } from './version-retirement';

const v7Bad = evaluation(0, [finding('data_drift', 'income')], { modelVersion: '7', evaluationId: 'm/7/0' });
const v7 = applyEvaluation(emptyModelState('m', '7', 'window'), v7Bad, DEFAULT_INCIDENT_POLICY);
const v8At = (ms: number) => evaluation(ms / MINUTE, [], { modelVersion: '8', evaluationId: `m/8/${ms}` });

describe('retireVersions', () => {
  it("resolves a replaced version's open incidents once another version's window is more than VERSION_RETIRE_MS past its newest", () => {
    expect(retireVersions([v7.state], v8At(VERSION_RETIRE_MS))).toEqual([]);
    const at = v8At(VERSION_RETIRE_MS + MINUTE);
    const [result] = retireVersions([v7.state], at);
    expect(result.events).toEqual([{ ...v7.events[0], eventType: 'resolved', status: 'resolved', updatedAt: at.windowEnd, resolvedAt: at.windowEnd }]);
    expect(result.changed[0]).toMatchObject({ incidentId: v7.events[0].incidentId, revision: 2, lastEventType: 'resolved' });
    expect(result.state.keys).toEqual({});
    expect(result.state.revision).toBe(v7.state.revision + 1);
  });

  it("never retires the evaluation's own version, another model or granularity, nor on a timer slot", () => {
    const late = T0 + VERSION_RETIRE_MS + 10 * MINUTE;
    expect(retireVersions([v7.state], evaluation((late - T0) / MINUTE, [], { modelVersion: '7' }))).toEqual([]);
    expect(retireVersions([v7.state], evaluation((late - T0) / MINUTE, [], { modelVersion: '8', modelId: 'other' }))).toEqual([]);
    expect(retireVersions([v7.state], evaluation((late - T0) / MINUTE, [], { modelVersion: '8', granularity: 'rollup' }))).toEqual([]);
    const timer = evaluation((late - T0) / MINUTE, [finding('silence', null, 'critical', 0)], { modelVersion: '8', source: 'timer', eventCount: 0, judged: false });
    expect(retireVersions([v7.state], timer)).toEqual([]);
  });
});
