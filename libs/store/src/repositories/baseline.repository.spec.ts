import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Baseline, BaselineFeature, PerformanceSnapshot } from '@driftwatch/contracts';
import { openStore, type Store } from '../store';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';

const dir = tempDataDir();
let store: Store;

beforeAll(async () => {
  store = await openStore(embeddedConfig(dir.dataDir, 'baselines_spec'));
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

const income: BaselineFeature = {
  name: 'income',
  kind: 'numeric',
  edges: [10.5, 20, 31.25],
  binCounts: [3, 2, 4, 1],
  fineEdges: [5, 10, 15, 20, 25, 30, 35],
  fineCounts: [1, 2, 1, 1, 2, 2, 0, 1],
  categories: {},
  count: 10,
  missing: 2,
  min: 1.5,
  max: 99.75,
  mean: 22.1,
  std: 14.2,
  median: 19,
  importance: 0.6,
};

const region: BaselineFeature = {
  name: 'region',
  kind: 'categorical',
  edges: [],
  binCounts: [],
  fineEdges: [],
  fineCounts: [],
  categories: { north: 7, south: 4, 'weird, "quoted" \'name\'': 1 },
  count: 12,
  missing: 0,
  min: null,
  max: null,
  mean: null,
  std: null,
  median: null,
  importance: null,
};

const flag: BaselineFeature = { ...region, name: 'is_new', kind: 'boolean', categories: { true: 5, false: 7 } };

function baseline(overrides: Partial<Baseline>): Baseline {
  return {
    modelId: 'credit-risk',
    modelVersion: '7',
    baselineId: 'b1',
    createdAt: Date.UTC(2026, 10, 26, 14, 0, 0, 123),
    rowCount: 12,
    source: 'file:train.csv',
    // Not alphabetical, to check that the saved order comes back.
    features: [region, income, flag],
    ...overrides,
  };
}

describe('BaselineRepository', () => {
  it('has no active baseline for an unknown model', async () => {
    expect(await store.baselines.getActive('nobody', '1')).toBeNull();
    expect(await store.baselines.get('nobody', 'b1')).toBeNull();
  });

  it('saves and loads a baseline exactly, features in saved order', async () => {
    const b = baseline({});
    await store.baselines.save(b);
    expect(await store.baselines.getActive('credit-risk', '7')).toEqual(b);
  });

  it('makes the newest baseline active and keeps older ones readable', async () => {
    const older = baseline({ modelId: 'fraud', baselineId: 'old', createdAt: 1_000 });
    const newer = baseline({ modelId: 'fraud', baselineId: 'new', createdAt: 2_000, features: [income], rowCount: 10 });
    await store.baselines.save(newer);
    await store.baselines.save(older);
    expect((await store.baselines.getActive('fraud', '7'))?.baselineId).toBe('new');
    expect((await store.baselines.get('fraud', 'old'))?.features.map((f) => f.name)).toEqual(['region', 'income', 'is_new']);
    // Another version of the same model has its own active baseline.
    expect(await store.baselines.getActive('fraud', '8')).toBeNull();

    const listed = await store.baselines.list('fraud');
    expect(listed).toEqual([
      { modelId: 'fraud', modelVersion: '7', baselineId: 'new', createdAt: 2_000, rowCount: 10, source: 'file:train.csv', featureCount: 1, active: true },
      { modelId: 'fraud', modelVersion: '7', baselineId: 'old', createdAt: 1_000, rowCount: 12, source: 'file:train.csv', featureCount: 3, active: false },
    ]);
    const all = await store.baselines.list();
    expect(all.map((s) => `${s.modelId}/${s.baselineId}`).sort()).toEqual(['credit-risk/b1', 'fraud/new', 'fraud/old']);
  });

  it('does not duplicate a baseline saved twice (a retried request)', async () => {
    const b = baseline({ modelId: 'retry', baselineId: 'r1' });
    await store.baselines.save(b);
    await store.baselines.save(b);
    expect(await store.baselines.getActive('retry', '7')).toEqual(b);
    expect((await store.baselines.list('retry'))[0].featureCount).toBe(3);
  });

  const performance: PerformanceSnapshot = {
    task: 'binary',
    positiveClass: '1',
    classes: ['0', '1'],
    labelled: 4_000,
    metrics: { accuracy: 0.9, rocAuc: 0.943_210_987_654_321, logLoss: 0.31, ece: null },
  };

  it('keeps the performance of a baseline with it, wherever the baseline is read', async () => {
    const b = baseline({ modelId: 'perf', baselineId: 'p1', performance });
    await store.baselines.save(b);
    expect(await store.baselines.getActive('perf', '7')).toEqual(b);
    expect((await store.baselines.get('perf', 'p1'))?.performance).toEqual(performance);
    // Another baseline of the model has none of it.
    await store.baselines.save(baseline({ modelId: 'perf', baselineId: 'p0', createdAt: 1 }));
    expect(await store.baselines.get('perf', 'p0')).not.toHaveProperty('performance');
  });

  it('drops the performance when a baseline is saved again under its id without one', async () => {
    await store.baselines.save(baseline({ modelId: 'perf-resave', baselineId: 'r', performance }));
    await store.baselines.save(baseline({ modelId: 'perf-resave', baselineId: 'r' }));
    expect(await store.baselines.get('perf-resave', 'r')).not.toHaveProperty('performance');
    const changed = { ...performance, labelled: 10, metrics: { accuracy: 0.5 } };
    await store.baselines.save(baseline({ modelId: 'perf-resave', baselineId: 'r', performance: changed }));
    expect((await store.baselines.get('perf-resave', 'r'))?.performance).toEqual(changed);
  });

  it('rejects inconsistent baselines before writing', async () => {
    await expect(store.baselines.save(baseline({ modelId: 'bad', performance: { ...performance, metrics: { rmse: Number.NaN } } }))).rejects.toThrow(
      /performance metric "rmse" is NaN, not a finite number or null/,
    );
    await expect(store.baselines.save(baseline({ modelId: 'bad', features: [{ ...income, binCounts: [1, 2] }] }))).rejects.toThrow(
      /feature "income" has 3 edges but 2 bin counts \(expected 4\)/,
    );
    await expect(store.baselines.save(baseline({ modelId: 'bad', features: [income, income] }))).rejects.toThrow(/appears twice/);
    await expect(store.baselines.save(baseline({ modelId: 'bad', features: [] }))).rejects.toThrow(/no features/);
    expect(await store.baselines.getActive('bad', '7')).toBeNull();
  });
});
