// Distributed mode on one machine: two aggregators, two evaluators and two alerters, separate
// processes in one consumer group per service, writing through the store server; members
// leave and join while events flow. Nothing may be lost or counted twice (totals in
// ClickHouse), and the one injected drift must open exactly one incident.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@driftwatch/testing';
import { startCluster, type Cluster } from './support/cluster.test-util';
import { windowStart, windowTraffic, type TrafficEvent } from './support/drift-traffic.test-util';

const MODELS = ['dist-a', 'dist-b', 'dist-c', 'dist-d'];
const DRIFTING = 'dist-c';
/** Windows 0..7 of every model; x drifts in windows 3 and 4 of DRIFTING; window 8's first events close window 7. */
const WINDOWS = 8;
const DRIFT = new Set([3, 4]);
const PER_WINDOW = 600;
const CLOSING = 5;

let cluster: Cluster;
const produced = new Map<string, number>(MODELS.map((m) => [m, 0]));

function traffic(from: number, through: number): TrafficEvent[] {
  const events: TrafficEvent[] = [];
  for (let i = from; i <= through; i++) {
    for (const model of MODELS) events.push(...windowTraffic(model, i, PER_WINDOW, model === DRIFTING && DRIFT.has(i)));
  }
  return events;
}

async function send(events: TrafficEvent[]): Promise<void> {
  await cluster.produce(events);
  for (const e of events) produced.set(e.modelId, produced.get(e.modelId)! + 1);
}

beforeAll(async () => {
  cluster = await startCluster('distributed', MODELS);
  await Promise.all(
    ['aggregator', 'evaluator', 'alerter'].flatMap((service) => [1, 2].map((n) => cluster.start(`${service}-${n}`, service as 'aggregator' | 'evaluator' | 'alerter'))),
  );
}, 600_000);

afterAll(async () => {
  await cluster?.close();
}, 120_000);

describe('distributed mode: two members per service, joining and leaving, through the store server', () => {
  it('stores every event once and opens one incident for the one drift', async () => {
    const s = (name: string) => cluster.services.get(name)!;
    await send(traffic(0, 2));

    // Members leave mid-stream (SIGTERM: a clean stop, as Compose or Kubernetes send)...
    await s('aggregator-1').stop();
    await send(traffic(3, 4));
    await s('evaluator-2').stop();
    await s('alerter-1').stop();
    await send(traffic(5, 6));
    // ... and join again while events flow.
    await Promise.all([cluster.start('aggregator-1', 'aggregator'), cluster.start('evaluator-2', 'evaluator'), cluster.start('alerter-1', 'alerter')]);
    await send([...traffic(7, 7), ...MODELS.flatMap((m) => windowTraffic(m, WINDOWS, PER_WINDOW, false).slice(0, CLOSING))]);

    const report = () => `totals: ${JSON.stringify([...produced])}\n${cluster.logs()}`;
    await waitFor(
      'every produced event in ClickHouse',
      async () => {
        const totals = await cluster.totals(MODELS);
        return MODELS.every((m) => (totals.get(m) ?? 0) >= produced.get(m)!);
      },
      90_000,
      { intervalMs: 500, describe: report },
    );
    await waitFor(
      `window evaluations of windows 0..${WINDOWS - 1} of every model`,
      () => MODELS.every((m) => new Set(cluster.windowEvaluations().filter((e) => e.modelId === m).map((e) => e.windowStart)).size >= WINDOWS),
      60_000,
      { intervalMs: 500, describe: report },
    );
    await waitFor('the alerters to apply every evaluation', () => cluster.drained(cluster.config.kafka.groups.alerter, cluster.config.topics.evaluations), 30_000, { describe: report });
    await waitFor('the incidents of the drift and their resolution', () => cluster.incidentEvents().filter((e) => e.modelId === DRIFTING && e.eventType === 'resolved').length >= 2, 30_000, { describe: report });

    // Exact totals: nothing lost, nothing counted twice, per model and per window.
    expect(Object.fromEntries(await cluster.totals(MODELS))).toEqual(Object.fromEntries(produced));
    for (const model of MODELS) {
      const windows = await cluster.store.windows.windows({ modelId: model, from: windowStart(0), to: windowStart(WINDOWS) });
      expect(windows.map((w) => w.eventCount)).toEqual(new Array(WINDOWS).fill(PER_WINDOW));
    }

    // One incident per finding of the one drift (x moved: its data_drift, and with one of two
    // features drifting, the dataset's), opened at the first drifted window, resolved after three clean ones.
    const incidents = cluster.incidentEvents();
    expect(incidents.filter((e) => e.modelId !== DRIFTING), 'no incident for the models without drift').toEqual([]);
    const lifecycle = (kind: string) =>
      incidents.filter((e) => e.modelId === DRIFTING && e.kind === kind).map((e) => [e.eventType, e.feature, (e.windowStart - windowStart(0)) / 60_000, e.incidentId]);
    const dataDrift = lifecycle('data_drift');
    const datasetDrift = lifecycle('dataset_drift');
    expect(dataDrift).toEqual([
      ['opened', 'x', 3, dataDrift[0]?.[3]],
      ['resolved', 'x', 7, dataDrift[0]?.[3]],
    ]);
    expect(datasetDrift).toEqual([
      ['opened', null, 3, datasetDrift[0]?.[3]],
      ['resolved', null, 7, datasetDrift[0]?.[3]],
    ]);
    expect(incidents.filter((e) => e.modelId === DRIFTING)).toHaveLength(4);
  }, 240_000);
});
