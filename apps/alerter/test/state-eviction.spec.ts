// The alerter's incident states are bounded: past the capacity, the least recently used models
// are dropped once stored and read back from the embedded ClickHouse at their next evaluation.
// The same evaluations run through a cache of 1 state and an unbounded one (each with its own
// database) must publish the very same incident events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_POLICY, VERSION_RETIRE_MS } from '@driftwatch/alerting';
import type { EvaluationMessage, IncidentEvent } from '@driftwatch/contracts';
import { loadConfig } from '@driftwatch/config';
import { IncidentRepository, openStore, type Store } from '@driftwatch/store';
import { isolatedEnv } from '@driftwatch/testing';
import { emptyChanges, ModelStates } from '../src/incidents/model-states';
import { finding, MIN, quietLog, T0, tempDir } from './support/alerter-harness';

const dir = tempDir();
const stores: Store[] = [];

async function repository(database: string): Promise<IncidentRepository> {
  const config = loadConfig({ ...isolatedEnv(database, { dataDir: dir.dir }), CLICKHOUSE_DATABASE: database });
  const store = await openStore(config);
  stores.push(store);
  return new IncidentRepository(store.client);
}

afterAll(async () => {
  for (const store of stores) await store.close();
  dir.remove();
});

// Opens after 2 bad windows, resolves after 2 clean ones: streaks not yet open are state too.
const POLICY = { ...DEFAULT_INCIDENT_POLICY, openAfter: 2, resolveAfter: 2 };

function evaluationOf(modelId: string, modelVersion: string, windowStart: number, bad: boolean): EvaluationMessage {
  return {
    schemaVersion: 1,
    evaluationId: `${modelId}/${modelVersion}/window/${windowStart}`,
    modelId,
    modelVersion,
    granularity: 'window',
    windowStart,
    windowEnd: windowStart + MIN,
    evaluatedAt: windowStart + MIN + 1_000,
    baselineId: 'b1',
    eventCount: 500,
    judged: true,
    features: [],
    schema: { unknown: [], vanished: [] },
    dataset: { driftShare: bad ? 1 : 0, threshold: 0.5, detected: bad },
    findings: bad ? [finding('data_drift', 'income', 'warning')] : [],
  };
}

/**
 * Batches of evaluations of four models (m0 with two versions), interleaved so that every model
 * is evicted between two of its windows when the cache holds one state: streaks open, grow,
 * resolve; a duplicate comes back after eviction; a late window of m0 v2 retires v1's incident.
 */
function batches(): EvaluationMessage[][] {
  const pattern: Record<string, string> = { m0: 'xxx..xxxx', m1: 'x.xx...xx', m2: '.xxxx..x.', m3: 'xx..xxx..' };
  const out: EvaluationMessage[][] = [];
  for (let i = 0; i < 9; i++) {
    const batch = Object.entries(pattern).map(([model, p]) => evaluationOf(model, '1', T0 + i * MIN, p[i] === 'x'));
    if (i % 3 === 1) batch.push(evaluationOf('m0', '2', T0 + i * MIN, i > 3));
    if (i === 5) batch.push(evaluationOf('m1', '1', T0 + 2 * MIN, true));
    out.push(batch);
  }
  out.push([evaluationOf('m0', '2', T0 + VERSION_RETIRE_MS + 60 * MIN, false)]);
  return out;
}

async function run(states: ModelStates, seen: (states: ModelStates) => void = () => undefined): Promise<{ events: IncidentEvent[]; outcomes: string[] }> {
  const events: IncidentEvent[] = [];
  const outcomes: string[] = [];
  for (const batch of batches()) {
    const changes = emptyChanges();
    for (const evaluation of batch) outcomes.push(`${evaluation.evaluationId} ${await states.apply(evaluation, changes)}`);
    events.push(...changes.events);
    await states.persist(changes);
    seen(states);
  }
  return { events, outcomes };
}

describe('incident states past the capacity', () => {
  let bounded: ModelStates;
  let unbounded: ModelStates;

  beforeAll(async () => {
    bounded = new ModelStates({ incidents: await repository('evict_small'), incidentPolicy: POLICY, log: quietLog, capacity: 1 });
    unbounded = new ModelStates({ incidents: await repository('evict_none'), incidentPolicy: POLICY, log: quietLog });
  }, 60_000);

  it('publishes the same incident events whether or not states were evicted in between', async () => {
    const held: number[] = [];
    const small = await run(bounded, (s) => held.push(s.size));
    const whole = await run(unbounded);

    // Evictions happened: after every batch at most one state is left in memory, where the
    // unbounded cache holds all five.
    expect(Math.max(...held)).toBe(1);
    expect(unbounded.size).toBe(5);
    // And they changed nothing.
    expect(small.outcomes).toEqual(whole.outcomes);
    expect(small.events).toEqual(whole.events);
    // The run is not trivial: incidents opened and resolved, a replay was a duplicate, v1 was retired by v2.
    const types = new Set(whole.events.map((e) => e.eventType));
    expect(types).toEqual(new Set(['opened', 'resolved']));
    expect(whole.events.filter((e) => e.eventType === 'opened').length).toBeGreaterThanOrEqual(4);
    expect(whole.outcomes).toContain(`m1/1/window/${T0 + 2 * MIN} duplicate`);
    expect(whole.events.some((e) => e.modelId === 'm0' && e.modelVersion === '1' && e.eventType === 'resolved' && e.updatedAt > T0 + VERSION_RETIRE_MS)).toBe(true);
  }, 120_000);

  it('never evicts a state whose changes are not stored yet', async () => {
    const states = new ModelStates({ incidents: await repository('evict_unsaved'), incidentPolicy: POLICY, log: quietLog, capacity: 1 });
    const changes = emptyChanges();
    for (const model of ['u0', 'u1', 'u2']) await states.apply(evaluationOf(model, '1', T0, true), changes);
    // Three unsaved states over a capacity of one: all kept until stored.
    expect(['u0', 'u1', 'u2'].map((m) => states.has(m, 'window'))).toEqual([true, true, true]);
    await states.persist(changes);
    expect(['u0', 'u1', 'u2'].map((m) => states.has(m, 'window'))).toEqual([false, false, true]);
    // Read back from the store, u0's streak of one bad window continues: the second opens it.
    const next = emptyChanges();
    await states.apply(evaluationOf('u0', '1', T0 + MIN, true), next);
    expect(next.events.map((e) => [e.modelId, e.eventType])).toEqual([['u0', 'opened']]);
  }, 60_000);
});
