import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type DriftwatchConfig } from '@driftwatch/config';
import { RuntimeModule, STORE } from '@driftwatch/runtime';
import { IncidentRepository, WebhookRepository, type Store, type StoredIncident } from '@driftwatch/store';
import { configureHttpApp } from '../src/http/configure-http';
import { IncidentsHttpModule } from '../src/incidents/incidents-http.module';
import { WebhooksService } from '../src/webhooks/webhooks.service';

const dataDir = mkdtempSync(path.join(tmpdir(), 'driftwatch-incidents-api-'));
let app: INestApplication;
let store: Store;
let base: string;
let config: DriftwatchConfig;

beforeAll(async () => {
  // The default, whatever the environment says: non-public webhook destinations are refused.
  config = loadConfig({ ...process.env, DRIFTWATCH_DATA_DIR: dataDir, DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE: 'false' });
  const moduleRef = await Test.createTestingModule({ imports: [RuntimeModule.forRoot({ config }), IncidentsHttpModule] }).compile();
  app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] });
  configureHttpApp(app as NestExpressApplication);
  await app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  store = app.get<Store>(STORE);
});

afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, url: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}${url}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
const incident = (o: Partial<StoredIncident>): StoredIncident => ({
  incidentId: 'inc_a',
  modelId: 'credit',
  modelVersion: '7',
  granularity: 'window',
  kind: 'data_drift',
  feature: 'income',
  severity: 'critical',
  status: 'open',
  openedAt: T0 + 60_000,
  updatedAt: T0 + 120_000,
  resolvedAt: null,
  windowStart: T0 + 60_000,
  windowEnd: T0 + 120_000,
  badWindows: 2,
  evidence: { kind: 'data_drift', feature: 'income', severity: 'critical', metric: 'psi', value: 0.31, threshold: 0.25, message: 'income: PSI 0.31 ≥ 0.25' },
  lastEventType: 'updated',
  revision: 2,
  ...o,
});

describe('GET /api/incidents', () => {
  it('lists incidents newest first, filtered by model and status, and shows one by id', async () => {
    await new IncidentRepository(store.client).saveIncidents([
      incident({}),
      incident({ incidentId: 'inc_b', modelId: 'fraud', kind: 'silence', feature: null, status: 'resolved', resolvedAt: T0 + 600_000, updatedAt: T0 + 600_000, lastEventType: 'resolved' }),
    ]);
    const all = await call('GET', '/api/incidents');
    expect(all.status).toBe(200);
    expect((all.body.incidents as { incidentId: string }[]).map((i) => i.incidentId)).toEqual(['inc_b', 'inc_a']);
    const open = await call('GET', '/api/incidents?status=open');
    expect((open.body.incidents as { incidentId: string }[]).map((i) => i.incidentId)).toEqual(['inc_a']);
    const fraud = await call('GET', '/api/incidents?model=fraud&status=resolved');
    expect((fraud.body.incidents as { incidentId: string }[]).map((i) => i.incidentId)).toEqual(['inc_b']);
    const v7 = await call('GET', '/api/incidents?model=credit&version=7');
    expect((v7.body.incidents as { incidentId: string; modelVersion: string }[]).map((i) => [i.incidentId, i.modelVersion])).toEqual([['inc_a', '7']]);
    expect((await call('GET', '/api/incidents?version=8')).body.incidents).toEqual([]);

    const one = await call('GET', '/api/incidents/inc_a');
    expect(one).toEqual({
      status: 200,
      body: {
        incidentId: 'inc_a',
        modelId: 'credit',
        modelVersion: '7',
        granularity: 'window',
        kind: 'data_drift',
        feature: 'income',
        severity: 'critical',
        status: 'open',
        openedAt: '2026-11-26T14:01:00.000Z',
        updatedAt: '2026-11-26T14:02:00.000Z',
        resolvedAt: null,
        window: { start: '2026-11-26T14:01:00.000Z', end: '2026-11-26T14:02:00.000Z' },
        badWindows: 2,
        lastEventType: 'updated',
        evidence: incident({}).evidence,
      },
    });
  });

  it('sorts by impact with sort=impact (the default stays newest first) and refuses another sort', async () => {
    const ranked = (id: string, impact: number, updatedAt: number) =>
      incident({ incidentId: id, modelId: 'ranked', updatedAt, evidence: { ...incident({}).evidence, details: { impact, impactFactors: { drift: impact, importance: 1 } } } });
    await new IncidentRepository(store.client).saveIncidents([ranked('r_small', 1.2, T0 + 900_000), ranked('r_big', 8, T0 + 800_000)]);
    const ids = async (query: string) => ((await call('GET', `/api/incidents?model=ranked${query}`)).body.incidents as { incidentId: string }[]).map((i) => i.incidentId);
    expect(await ids('&sort=impact')).toEqual(['r_big', 'r_small']);
    expect(await ids('')).toEqual(['r_small', 'r_big']);
    // Paged one at a time: the same order, and nextCursor says whether another page exists.
    const first = await call('GET', '/api/incidents?model=ranked&sort=impact&limit=1');
    expect((first.body.incidents as { incidentId: string }[]).map((i: { incidentId: string }) => i.incidentId)).toEqual(['r_big']);
    expect(first.body.nextCursor).toBe('1');
    const second = await call('GET', `/api/incidents?model=ranked&sort=impact&limit=1&cursor=${first.body.nextCursor}`);
    expect((second.body.incidents as { incidentId: string }[]).map((i: { incidentId: string }) => i.incidentId)).toEqual(['r_small']);
    expect(second.body.nextCursor).toBeNull();
    const tooMany = await call('GET', '/api/incidents?limit=1001');
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('query parameter limit: expected an integer from 1 to 1000');
    const bad = await call('GET', '/api/incidents?sort=severity');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('query parameter sort: expected updated or impact');
  });

  it('answers 404 for an unknown id and 400 for a bad status', async () => {
    expect((await call('GET', '/api/incidents/nope')).status).toBe(404);
    const bad = await call('GET', '/api/incidents?status=closed');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('query parameter status: expected open or resolved, got \\"closed\\"');
  });
});

describe('/api/webhooks', () => {
  const slack = { name: 'credit on-call', modelId: 'credit', format: 'slack', url: 'https://hooks.slack.com/services/T0/B0/s3cr3tpath', secret: 'whsec_0123456789abcdef' };

  it('creates a destination without ever returning its secrets', async () => {
    const created = await call('POST', '/api/webhooks', slack);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'credit on-call', modelId: 'credit', format: 'slack', url: 'https://hooks.slack.com/…', secretSet: true, minSeverity: 'warning', enabled: true });
    expect(JSON.stringify(created.body)).not.toContain('s3cr3t');
    expect(JSON.stringify(created.body)).not.toContain('whsec_');
    const listed = await call('GET', '/api/webhooks');
    expect(listed.body.webhooks).toEqual([created.body]);
  });

  it('refuses invalid destinations naming the field', async () => {
    const pd = await call('POST', '/api/webhooks', { name: 'pd', format: 'pagerduty', url: 'https://events.pagerduty.com/v2/enqueue', secret: 'x'.repeat(16) });
    expect(pd.status).toBe(400);
    expect(JSON.stringify(pd.body)).toContain('routingKey: required for the pagerduty format');
    const noSecret = await call('POST', '/api/webhooks', { ...slack, secret: undefined });
    expect(JSON.stringify(noSecret.body)).toContain('secret: required');
    const typo = await call('POST', '/api/webhooks', { ...slack, sercet: 'x' });
    expect(typo.status).toBe(400);
    expect(JSON.stringify(typo.body)).toContain('sercet');
    const ftp = await call('POST', '/api/webhooks', { ...slack, url: 'ftp://example.com/x' });
    expect(JSON.stringify(ftp.body)).toContain('url: http:// or https:// only');
  });

  it('refuses literal non-public addresses on create and on replace, naming the range and DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE', async () => {
    for (const [url, address, range] of [
      ['http://127.0.0.1:8123/?query=SELECT+1', '127.0.0.1', 'loopback'],
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', 'linkLocal'],
      ['http://2130706433/hook', '127.0.0.1', 'loopback'],
      ['http://[::ffff:10.0.0.1]/hook', '::ffff:a00:1', 'private'],
      ['https://100.64.1.2/hook', '100.64.1.2', 'carrierGradeNat'],
      ['http://[fd00::1]/hook', 'fd00::1', 'uniqueLocal'],
    ]) {
      const refused = await call('POST', '/api/webhooks', { ...slack, format: 'generic', url });
      expect(refused.status, url).toBe(400);
      expect(JSON.stringify(refused.body)).toContain(`url: address ${address} is in a non-public range (${range}); set DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE=true`);
    }
    const local = await call('POST', '/api/webhooks', { ...slack, url: 'http://localhost:9000/hook' });
    expect(JSON.stringify(local.body)).toContain('url: host localhost is loopback; set DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE=true');

    const created = await call('POST', '/api/webhooks', { ...slack, name: 'public', format: 'generic', url: 'https://93.184.216.34/hook' });
    expect(created.status).toBe(201);
    const moved = await call('PUT', `/api/webhooks/${created.body.id as string}`, { name: 'moved', format: 'generic', url: 'http://10.1.2.3/hook' });
    expect(moved.status).toBe(400);
    expect(JSON.stringify(moved.body)).toContain('url: address 10.1.2.3 is in a non-public range (private)');
    expect((await new WebhookRepository(store.client).get(created.body.id as string))?.url).toBe('https://93.184.216.34/hook');
    expect((await call('DELETE', `/api/webhooks/${created.body.id as string}`)).status).toBe(204);

    // With DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE=true the same service accepts them.
    const allowing = new WebhooksService(new WebhookRepository(store.client), { ...config.alerter, webhookAllowPrivate: true });
    const allowed = await allowing.create({ name: 'local', format: 'generic', url: 'http://127.0.0.1:9000/hook', secret: slack.secret });
    expect(allowed.url).toBe('http://127.0.0.1:9000/…');
    await allowing.delete(allowed.id);
  });

  it('replaces a destination keeping its secret, and deletes it', async () => {
    const created = await call('POST', '/api/webhooks', { ...slack, name: 'to replace', format: 'generic', url: 'https://example.com/hook?token=abc' });
    expect(created.body.url).toBe('https://example.com/…');
    expect(JSON.stringify(created.body)).not.toMatch(/token=abc|\/hook/);
    const id = created.body.id as string;
    const replaced = await call('PUT', `/api/webhooks/${id}`, { name: 'replaced', format: 'generic', url: 'https://example.com/other', minSeverity: 'critical' });
    expect(replaced).toMatchObject({ status: 200, body: { id, name: 'replaced', minSeverity: 'critical', modelId: null, secretSet: true } });
    expect((await new WebhookRepository(store.client).get(id))?.secret).toBe(slack.secret);
    expect((await call('DELETE', `/api/webhooks/${id}`)).status).toBe(204);
    expect((await call('GET', `/api/webhooks/${id}`)).status).toBe(404);
    expect((await call('DELETE', `/api/webhooks/${id}`)).status).toBe(404);
  });
});
