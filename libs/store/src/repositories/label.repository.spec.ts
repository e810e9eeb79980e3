import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import { LabelRepository } from './label.repository';

const dir = tempDataDir();
let store: Store;
let labels: LabelRepository;

beforeAll(async () => {
  store = await openStore(embeddedConfig(dir.dataDir, 'label_spec'));
  labels = new LabelRepository(store.client, { retentionDays: 30 });
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);

describe('LabelRepository', () => {
  it('stores number, string and boolean labels and reads them back by event id', async () => {
    await labels.save([
      { modelId: 'kinds', eventId: 'n', timestamp: T0, label: 0.25, receivedAt: T0 + 5 },
      { modelId: 'kinds', eventId: 's', timestamp: T0 + 1, label: 'fraud' },
      { modelId: 'kinds', eventId: 'b', timestamp: T0 + 2, label: false },
      { modelId: 'kinds', eventId: 'num-like', timestamp: T0 + 3, label: '1' },
    ]);
    const got = await labels.byEventIds('kinds', ['n', 's', 'b', 'num-like', 'never-labelled']);
    expect(got.map(({ eventId, label }) => [eventId, label])).toEqual([
      ['b', false],
      ['n', 0.25],
      ['num-like', '1'],
      ['s', 'fraud'],
    ]);
    expect(got.find((l) => l.eventId === 'n')).toMatchObject({ modelId: 'kinds', labelTime: T0, receivedAt: T0 + 5 });
    expect(await labels.count('kinds')).toBe(4);
    expect(await labels.count('nobody')).toBe(0);
    expect(await labels.byEventIds('kinds', [])).toEqual([]);
  });

  it('keeps the latest label timestamp, and on a tie the label stored last, before any merge', async () => {
    await labels.save([{ modelId: 'dup', eventId: 'e1', timestamp: T0 + 10, label: 'new' }]);
    await labels.save([{ modelId: 'dup', eventId: 'e1', timestamp: T0, label: 'older, arrived late' }]);
    await labels.save([{ modelId: 'dup', eventId: 'e2', timestamp: T0, label: 'first' }]);
    await labels.save([{ modelId: 'dup', eventId: 'e2', timestamp: T0, label: 'second' }]);
    // Inside one call: the same rule, the later entry winning a tie.
    await labels.save([
      { modelId: 'dup', eventId: 'e3', timestamp: T0, label: 1 },
      { modelId: 'dup', eventId: 'e3', timestamp: T0, label: 2 },
      { modelId: 'dup', eventId: 'e3', timestamp: T0 - 1, label: 3 },
    ]);
    const got = await labels.byEventIds('dup', ['e1', 'e2', 'e3']);
    expect(got.map((l) => l.label)).toEqual(['new', 'second', 2]);
    expect(await labels.count('dup')).toBe(3);
  });

  it('drops a batch written again under the same dedup token', async () => {
    const batch = [{ modelId: 'tok', eventId: 'a', timestamp: T0, label: 'x' }];
    await labels.save(batch, 'labels-token-1');
    await labels.save([{ modelId: 'tok', eventId: 'a', timestamp: T0, label: 'replayed with other content' }], 'labels-token-1');
    expect((await labels.byEventIds('tok', ['a']))[0].label).toBe('x');
  });

  it('sets the expiry from the received time and the retention', async () => {
    const receivedAt = Math.floor(Date.now() / 1000) * 1000;
    await labels.save([{ modelId: 'ttl', eventId: 'a', timestamp: T0, label: 1, receivedAt }]);
    const [row] = await (
      await store.client.client.query({
        query: `SELECT toUnixTimestamp(expires_at) AS s FROM ${store.client.table('labels')} WHERE model_id = 'ttl'`,
        format: 'JSONEachRow',
      })
    ).json<{ s: unknown }>();
    expect(Number(row.s) * 1000).toBe(receivedAt + 30 * 86_400_000);
  });
});
