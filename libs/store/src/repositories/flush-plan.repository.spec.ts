import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import { FeatureKindRepository } from './feature-kind.repository';
import { FlushPlanRepository } from './flush-plan.repository';
import type { IngestFlushPlan } from './ingest-flush.types';

const dir = tempDataDir();
let store: Store;
let plans: FlushPlanRepository;
let kinds: FeatureKindRepository;

beforeAll(async () => {
  store = await openStore(embeddedConfig(dir.dataDir, 'ingest_spec'));
  plans = new FlushPlanRepository(store.client);
  kinds = new FeatureKindRepository(store.client);
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
const plan = (from: string, to: string, o: Partial<IngestFlushPlan> = {}): IngestFlushPlan => ({
  consumerGroup: 'g',
  topic: 'inference-events',
  partition: 2,
  fromOffset: from,
  toOffset: to,
  before: { maxEventTime: null, open: [] },
  after: { maxEventTime: T0 + 5_000, open: [{ modelId: 'm', modelVersion: '1', start: T0, end: T0 + 60_000 }] },
  plannedAt: T0,
  logEpoch: 0,
  ...o,
});

describe('FlushPlanRepository', () => {
  it('returns the plan with the highest offsets of exactly that group, topic and partition', async () => {
    expect(await plans.last('g', 'inference-events', 2)).toBeNull();
    await plans.record(plan('0', '99'), 't-0-99');
    await plans.record(plan('100', '9007199254740993', { before: plan('0', '99').after }), 't-100-big');
    await plans.record(plan('0', '99999999999', { partition: 3 }), 't-p3');
    await plans.record(plan('0', '99999999999', { consumerGroup: 'other' }), 't-other');
    const last = await plans.last('g', 'inference-events', 2);
    // Offsets beyond 2^53 survive as decimal strings.
    expect(last).toEqual(plan('100', '9007199254740993', { before: plan('0', '99').after }));
  });

  it('does not let a plan given up by a member that lost the partition outrank the new owner\'s plans', async () => {
    // Old owner A: plan 0..99, committed. It then plans 100..199 in a timed flush racing a
    // rebalance and gives up; the new owner B had started at 100 with ranges of its own. A's
    // plan lands in the store after B's first one.
    const p = { partition: 11 };
    const a = plan('0', '99', { ...p, plannedAt: T0 });
    const zombie = plan('100', '199', { ...p, before: a.after, plannedAt: T0 + 1_000 });
    const b1 = plan('100', '149', { ...p, before: a.after, after: { maxEventTime: T0 + 9_000, open: [] }, plannedAt: T0 + 20_000 });
    await plans.record(a, 't11-0-99');
    await plans.record(b1, 't11-100-149');
    await plans.record(zombie, 't11-100-199');
    expect(await plans.last('g', 'inference-events', 11)).toEqual(b1);
    // B's next plans start past the fork, whatever A's boundary.
    const b2 = plan('150', '179', { ...p, before: b1.after, plannedAt: T0 + 25_000 });
    await plans.record(b2, 't11-150-179');
    expect(await plans.last('g', 'inference-events', 11)).toEqual(b2);
  });

  it('follows the offsets along a chain of plans whatever the clocks of the members that wrote them', async () => {
    // The member that took the partition over runs a minute behind the one before it.
    const p = { partition: 12 };
    await plans.record(plan('0', '99', { ...p, plannedAt: T0 + 60_000 }), 't12-0-99');
    await plans.record(plan('100', '120', { ...p, plannedAt: T0 }), 't12-100-120');
    expect(await plans.last('g', 'inference-events', 12)).toEqual(plan('100', '120', { ...p, plannedAt: T0 }));
  });

  it('orders plans starting at the same offset newest first, then by reach when planned in the same millisecond', async () => {
    const p = { partition: 13 };
    await plans.record(plan('0', '50', { ...p, plannedAt: T0 + 5 }), 't13-0-50');
    await plans.record(plan('0', '80', { ...p, plannedAt: T0 }), 't13-0-80');
    expect(await plans.last('g', 'inference-events', 13)).toEqual(plan('0', '50', { ...p, plannedAt: T0 + 5 }));
    await plans.record(plan('0', '60', { ...p, plannedAt: T0 + 5 }), 't13-0-60');
    expect(await plans.last('g', 'inference-events', 13)).toEqual(plan('0', '60', { ...p, plannedAt: T0 + 5 }));
  });

  it('drops a plan recorded again with the same token', async () => {
    await plans.record(plan('0', '9', { partition: 7 }), 'dup');
    await plans.record(plan('0', '9', { partition: 7, plannedAt: T0 + 1 }), 'dup');
    const [row] = await (
      await store.client.client.query({
        query: `SELECT count() AS n FROM ${store.client.table('ingest_flushes')} WHERE partition = 7`,
        format: 'JSONEachRow',
      })
    ).json<{ n: unknown }>();
    expect(Number(row.n)).toBe(1);
  });

  it('puts the plans of a recreated topic (a newer log epoch) before every plan of the old log', async () => {
    await plans.record(plan('5000', '5999', { partition: 21 }), 'epoch0-5000');
    await plans.record(plan('0', '99', { partition: 21, logEpoch: 1, plannedAt: T0 + 10 }), 'epoch1-0');
    expect(await plans.last('g', 'inference-events', 21)).toEqual(plan('0', '99', { partition: 21, logEpoch: 1, plannedAt: T0 + 10 }));
    await plans.record(plan('100', '180', { partition: 21, logEpoch: 1, plannedAt: T0 + 20 }), 'epoch1-100');
    expect((await plans.last('g', 'inference-events', 21))?.fromOffset).toBe('100');
  });

  it('refuses offsets that are not a forward range', async () => {
    await expect(plans.record(plan('10', '9'), 'bad')).rejects.toThrow(/from <= to/);
    await expect(plans.record(plan('-1', '9'), 'bad')).rejects.toThrow(/decimal/);
  });

  it('keeps the per-model clocks of a plan, and reads a plan stored without them as one without models', async () => {
    const clocks = [
      { modelId: 'a', maxEventTime: T0 + 5_000, lastOffset: '7' },
      { modelId: 'b', maxEventTime: T0 + 5 * 3_600_000, lastOffset: '9' },
    ];
    const p = plan('0', '9', { partition: 7, after: { maxEventTime: T0 + 5 * 3_600_000, open: [], models: clocks }, before: { maxEventTime: null, open: [], models: [] } });
    await plans.record(p, 't-clocks-0-9');
    expect(await plans.last('g', 'inference-events', 7)).toEqual(p);

    const legacy = plan('0', '9', { partition: 8 });
    await plans.record(legacy, 't-legacy-0-9');
    const back = await plans.last('g', 'inference-events', 8);
    expect(back?.after).toEqual(legacy.after);
    expect(back?.after.models).toBeUndefined();
  });

  it('stores each open window once: the windows after the range as a change of those before', async () => {
    const open = Array.from({ length: 500 }, (_, i) => ({ modelId: `m${i}`, modelVersion: '1', start: T0, end: T0 + 60_000 }));
    const opened = { modelId: 'm0', modelVersion: '1', start: T0 + 60_000, end: T0 + 120_000 };
    const p = plan('0', '9', { partition: 9, before: { maxEventTime: T0, open }, after: { maxEventTime: T0 + 61_000, open: [...open.slice(1), opened] } });
    await plans.record(p, 't-diff-0-9');
    expect(await plans.last('g', 'inference-events', 9)).toEqual(p);
    const [row] = await (
      await store.client.client.query({
        query: `SELECT length(open_windows_before) AS b, length(open_windows_after) AS a FROM ${store.client.table('ingest_flushes')} WHERE partition = 9`,
        format: 'JSONEachRow',
      })
    ).json<{ b: number; a: number }>();
    expect(Number(row.a)).toBeLessThan(Number(row.b) / 50);

    // A plan stored before holds the full list after, and still reads.
    await store.client.client.insert({
      table: store.client.table('ingest_flushes'),
      values: [{ consumer_group: 'g', topic: 'inference-events', partition: 10, from_offset: 0, to_offset: 9, max_event_time_before: null, max_event_time_after: T0, open_windows_before: '[]', open_windows_after: JSON.stringify([opened]), planned_at: '2026-11-26 14:00:00.000' }],
      format: 'JSONEachRow',
      clickhouse_settings: { insert_deduplication_token: 't-full-list' },
    });
    expect((await plans.last('g', 'inference-events', 10))?.after.open).toEqual([opened]);
  });
});

describe('FeatureKindRepository', () => {
  it('sums kinds per window and feature and drops a replayed batch', async () => {
    const delta = (feature: string, k: Record<string, number>, inBaseline = false) => ({
      modelId: 'k',
      modelVersion: '1',
      windowStart: T0,
      windowEnd: T0 + 60_000,
      feature,
      baselineId: 'b1',
      inBaseline,
      kinds: k,
    });
    await kinds.insert([delta('extra', { number: 2, string: 1 }), delta('age', { string: 3 }, true)], 'k-1');
    await kinds.insert([delta('extra', { number: 2, string: 1 }), delta('age', { string: 3 }, true)], 'k-1');
    await kinds.insert([delta('extra', { boolean: 4, string: 1 })], 'k-2');
    const got = await kinds.list({ modelId: 'k', from: T0, to: T0 + 1 });
    expect(got.map((g) => [g.feature, g.inBaseline, g.kinds])).toEqual([
      ['age', true, { string: 3 }],
      ['extra', false, { boolean: 4, number: 2, string: 2 }],
    ]);
  });
});
