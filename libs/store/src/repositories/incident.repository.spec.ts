import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { embeddedConfig, tempDataDir } from '../testing/temp-store.test-util';
import { incidentStatesByVersionMigration } from '../migrations/0012_incident_states_by_version';
import { quoteIdentifier } from '../sql/identifier.util';
import { IncidentRepository } from './incident.repository';
import { LEGACY_STATE_VERSION, type StoredIncident } from './incident.types';
import { WebhookRepository } from './webhook.repository';
import type { StoredWebhookDestination } from './webhook.types';

const dir = tempDataDir();
let store: Store;
let incidents: IncidentRepository;
let webhooks: WebhookRepository;

beforeAll(async () => {
  store = await openStore(embeddedConfig(dir.dataDir, 'incident_spec'));
  incidents = new IncidentRepository(store.client);
  webhooks = new WebhookRepository(store.client);
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
const incident = (o: Partial<StoredIncident> = {}): StoredIncident => ({
  incidentId: 'inc_a',
  modelId: 'm',
  modelVersion: '1',
  granularity: 'window',
  kind: 'data_drift',
  feature: 'income',
  severity: 'warning',
  status: 'open',
  openedAt: T0 + 60_000,
  updatedAt: T0 + 60_000,
  resolvedAt: null,
  windowStart: T0,
  windowEnd: T0 + 60_000,
  badWindows: 1,
  evidence: { kind: 'data_drift', feature: 'income', severity: 'warning', metric: 'psi', value: 0.2, threshold: 0.1, message: 'x', details: { a: [1] } },
  lastEventType: 'opened',
  revision: 1,
  ...o,
});

describe('IncidentRepository', () => {
  it('keeps the newest revision of each incident and filters by model and status', async () => {
    await incidents.saveIncidents([incident(), incident({ incidentId: 'inc_b', modelId: 'n', feature: null, kind: 'silence', severity: 'critical' })]);
    const resolved = incident({ status: 'resolved', resolvedAt: T0 + 300_000, updatedAt: T0 + 300_000, lastEventType: 'resolved', revision: 3 });
    // Out of order on purpose: revision 2 arrives after 3 and must not win.
    await incidents.saveIncidents([resolved]);
    await incidents.saveIncidents([incident({ revision: 2, badWindows: 2 })]);

    expect(await incidents.get('inc_a')).toEqual(resolved);
    expect(await incidents.get('nope')).toBeNull();
    expect((await incidents.list()).map((i) => i.incidentId)).toEqual(['inc_a', 'inc_b']);
    expect((await incidents.list({ status: 'open' })).map((i) => i.incidentId)).toEqual(['inc_b']);
    expect((await incidents.list({ modelId: 'm' })).map((i) => i.incidentId)).toEqual(['inc_a']);
    expect(await incidents.list({ modelId: 'm', status: 'open' })).toEqual([]);
    expect(await incidents.countOpen()).toEqual([{ modelId: 'n', modelVersion: '1', kind: 'silence', severity: 'critical', count: 1 }]);
  });

  it('sorts by the evidence impact when asked, incidents without one last, else by last update', async () => {
    const withImpact = (id: string, impact: number | null, updatedAt: number) =>
      incident({
        incidentId: id,
        modelId: 'ranked',
        updatedAt,
        evidence: { ...incident().evidence, details: impact === null ? { a: [1] } : { impact, impactFactors: { drift: impact, importance: 1 } } },
      });
    await incidents.saveIncidents([withImpact('r_low', 1.5, T0 + 3_000), withImpact('r_none', null, T0 + 4_000), withImpact('r_high', 12.25, T0 + 1_000), withImpact('r_mid', 3, T0 + 2_000)]);
    expect((await incidents.list({ modelId: 'ranked', sort: 'impact' })).map((i) => i.incidentId)).toEqual(['r_high', 'r_mid', 'r_low', 'r_none']);
    expect((await incidents.list({ modelId: 'ranked' })).map((i) => i.incidentId)).toEqual(['r_none', 'r_low', 'r_mid', 'r_high']);
    expect((await incidents.list({ modelId: 'ranked', sort: 'impact', limit: 1 })).map((i) => i.incidentId)).toEqual(['r_high']);
  });

  it('returns the newest state snapshot of every version of a model at a granularity', async () => {
    expect(await incidents.loadStates('m', 'window')).toEqual([]);
    await incidents.saveStates([
      { modelId: 'm', modelVersion: '7', granularity: 'window', revision: 2, state: { n: 2 } },
      { modelId: 'm', modelVersion: '8', granularity: 'window', revision: 1, state: { v8: 1 } },
      { modelId: 'm', modelVersion: '7', granularity: 'rollup', revision: 9, state: { n: 9 } },
      { modelId: 'other', modelVersion: '7', granularity: 'window', revision: 5, state: { other: 5 } },
    ]);
    // Out of order: an older revision of v7 written later must not win, nor hide v8's row.
    await incidents.saveStates([{ modelId: 'm', modelVersion: '7', granularity: 'window', revision: 1, state: { n: 1 } }]);
    expect(await incidents.loadStates('m', 'window')).toEqual([
      { modelId: 'm', modelVersion: '7', granularity: 'window', revision: 2, state: { n: 2 } },
      { modelId: 'm', modelVersion: '8', granularity: 'window', revision: 1, state: { v8: 1 } },
    ]);
    expect((await incidents.loadStates('m', 'rollup')).map((s) => s.state)).toEqual([{ n: 9 }]);
  });

  it('reads a per-model state stored before migration 0012 as the legacy version, next to per-version ones', async () => {
    // As the alerter wrote it then: no model_version column in the insert.
    await store.client.client.insert({
      table: store.client.table('incident_states'),
      format: 'JSONEachRow',
      values: [{ model_id: 'old', granularity: 'window', revision: 4, state: JSON.stringify({ legacy: true }) }],
    });
    await incidents.saveStates([{ modelId: 'old', modelVersion: '3', granularity: 'window', revision: 5, state: { v3: true } }]);
    expect(await incidents.loadStates('old', 'window')).toEqual([
      { modelId: 'old', modelVersion: LEGACY_STATE_VERSION, granularity: 'window', revision: 4, state: { legacy: true } },
      { modelId: 'old', modelVersion: '3', granularity: 'window', revision: 5, state: { v3: true } },
    ]);
  });

  it('filters incidents by model version and counts open ones per version', async () => {
    await incidents.saveIncidents([
      incident({ incidentId: 'inc_v7', modelId: 'canary', modelVersion: '7' }),
      incident({ incidentId: 'inc_v8', modelId: 'canary', modelVersion: '8' }),
      incident({ incidentId: 'inc_v8b', modelId: 'canary', modelVersion: '8', feature: 'age' }),
    ]);
    expect((await incidents.list({ modelId: 'canary', modelVersion: '8' })).map((i) => i.incidentId).sort()).toEqual(['inc_v8', 'inc_v8b']);
    expect((await incidents.list({ modelVersion: '7' })).map((i) => i.incidentId)).toEqual(['inc_v7']);
    expect((await incidents.countOpen()).filter((c) => c.modelId === 'canary')).toEqual([
      { modelId: 'canary', modelVersion: '7', kind: 'data_drift', severity: 'warning', count: 1 },
      { modelId: 'canary', modelVersion: '8', kind: 'data_drift', severity: 'warning', count: 2 },
    ]);
  });

  it('migration 0012 runs again on a migrated table as a no-op, keeping the rows', async () => {
    const [statement] = incidentStatesByVersionMigration.statements(quoteIdentifier(store.client.database));
    await store.client.client.command({ query: statement });
    expect((await incidents.loadStates('m', 'window')).map((s) => s.modelVersion)).toEqual(['7', '8']);
  });
});

describe('WebhookRepository', () => {
  const destination = (o: Partial<StoredWebhookDestination> = {}): StoredWebhookDestination => ({
    id: 'd1',
    name: 'team',
    modelId: null,
    format: 'slack',
    url: 'https://hooks.slack.com/services/T/B/x',
    secret: 's'.repeat(20),
    routingKey: null,
    minSeverity: 'warning',
    enabled: true,
    createdAt: T0,
    updatedAt: T0,
    ...o,
  });

  it('saves, updates and deletes destinations', async () => {
    await webhooks.save(destination());
    await webhooks.save(destination({ id: 'd2', format: 'pagerduty', routingKey: 'rk', modelId: 'm', createdAt: T0 + 1 }));
    await webhooks.save(destination({ name: 'renamed', enabled: false, updatedAt: T0 + 5 }));
    expect(await webhooks.get('d1')).toEqual(destination({ name: 'renamed', enabled: false, updatedAt: T0 + 5 }));
    expect((await webhooks.list()).map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(await webhooks.delete('d1')).toBe(true);
    expect(await webhooks.delete('d1')).toBe(false);
    expect((await webhooks.list()).map((d) => [d.id, d.routingKey])).toEqual([['d2', 'rk']]);
  });
});
