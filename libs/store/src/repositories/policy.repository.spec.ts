import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import { PolicyRepository } from './policy.repository';

const dir = tempDataDir();
let store: Store;
let policies: PolicyRepository;

beforeAll(async () => {
  store = await openStore(embeddedConfig(dir.dataDir, 'policies_spec'));
  policies = new PolicyRepository(store.client);
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);

describe('PolicyRepository', () => {
  it('has no policy for a model that never got one', async () => {
    expect(await policies.get('unknown-model')).toBeNull();
  });

  it('returns the newest version and keeps the history', async () => {
    await policies.put('credit-risk', { minWindowEvents: 50 }, T0);
    await policies.put('credit-risk', { minWindowEvents: 80, features: { income: { method: 'psi', threshold: 0.2 } } }, T0 + 1000);
    await policies.put('other', { silence: { afterWindows: 5 } }, T0 + 500);
    expect(await policies.get('credit-risk')).toEqual({
      modelId: 'credit-risk',
      policy: { minWindowEvents: 80, features: { income: { method: 'psi', threshold: 0.2 } } },
      updatedAt: T0 + 1000,
    });
    expect((await policies.history('credit-risk')).map((p) => p.updatedAt)).toEqual([T0 + 1000, T0]);
    expect((await policies.list()).map((p) => [p.modelId, p.updatedAt])).toEqual([
      ['credit-risk', T0 + 1000],
      ['other', T0 + 500],
    ]);
  });

  it('the version written last wins even with a clock that went back', async () => {
    await policies.put('clock', { minWindowEvents: 1 }, T0 + 5000);
    const second = await policies.put('clock', { minWindowEvents: 2 }, T0);
    expect(second.updatedAt).toBe(T0 + 5001);
    expect((await policies.get('clock'))?.policy).toEqual({ minWindowEvents: 2 });
  });

  it('keeps feature names that are SQL or JSON special as they are', async () => {
    const doc = { features: { "it's": { ignore: true }, 'a"b\\c': { importance: 2 } } };
    await policies.put('quotes', doc, T0);
    expect((await policies.get('quotes'))?.policy).toEqual(doc);
  });

  it('refuses a policy that is not an object', async () => {
    await expect(policies.put('x', [] as unknown as Record<string, unknown>)).rejects.toThrow('a policy must be a JSON object');
  });
});
