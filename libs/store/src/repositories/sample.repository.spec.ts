import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import type { EventSample } from './sample.types';

const dir = tempDataDir();
let store: Store;

beforeAll(async () => {
  store = await openStore(embeddedConfig(dir.dataDir, 'samples_spec'));
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
const sample = (i: number, o: Partial<EventSample> = {}): EventSample => ({
  modelId: 'new-model',
  modelVersion: '1',
  eventId: `e${i}`,
  eventTime: T0 + i * 1000,
  features: { income: 50 + i, region: i % 2 ? 'north' : 'south', age: null },
  prediction: { yes: 0.25, no: 0.75 },
  ...o,
});

describe('SampleRepository', () => {
  it('stores events and returns them in event-time order', async () => {
    await store.samples.insert([sample(2), sample(1), sample(0, { modelVersion: '2' })], 's-1');
    const got = await store.samples.list({ modelId: 'new-model', modelVersion: '1' });
    expect(got).toEqual([sample(1), sample(2)]);
    expect(await store.samples.list({ modelId: 'new-model', modelVersion: '1', from: T0 + 1500, limit: 10 })).toEqual([sample(2)]);
  });

  it('counts a replayed event once, whether the token repeats or not', async () => {
    const batch = [sample(10, { modelId: 'replayed' }), sample(11, { modelId: 'replayed' })];
    await store.samples.insert(batch, 'r-1');
    await store.samples.insert(batch, 'r-1');
    await store.samples.insert(batch, 'r-2');
    expect(await store.samples.count({ modelId: 'replayed', modelVersion: '1' })).toBe(2);
    expect(await store.samples.list({ modelId: 'replayed', modelVersion: '1' })).toHaveLength(2);
  });
});
