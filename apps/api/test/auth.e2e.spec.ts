import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '@driftwatch/config';
import { API_ACCESS } from '@driftwatch/runtime';
import { startTestApi, type TestApi } from './test-api.test-util';

const READ = 'read-token-0123456789abcdef';
const WRITE = 'write-token-0123456789abcdef';
const ADMIN = 'admin-token-0123456789abcdef';
const VERBS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

interface Route {
  method: string;
  path: string;
  access: RouteAccess | undefined;
}

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ DRIFTWATCH_API_TOKENS: `read:${READ},write:${WRITE},admin:${ADMIN}` });
});

afterAll(async () => {
  await api?.close();
});

/** Every route Nest registered, with the access its handler (or else its controller) declares. */
function registeredRoutes(app: INestApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        if (method === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const path = `/${[prefix, sub].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
        const access = (Reflect.getMetadata(API_ACCESS, handler) ?? Reflect.getMetadata(API_ACCESS, type)) as RouteAccess | undefined;
        routes.push({ method: VERBS[method], path, access });
      }
    }
  }
  return routes;
}

function call(route: Route, token?: string): Promise<Response> {
  const url = api.baseUrl + route.path.replace(/:[A-Za-z]+/g, 'x');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return fetch(url, { method: route.method, headers, body: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}' });
}

describe('every route declares its access', () => {
  it('no registered route lacks @ApiAccess, and the scopes follow the documented rule', () => {
    const routes = registeredRoutes(api.app);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    for (const r of routes) {
      const expected = r.path.startsWith('/api/webhooks')
        ? 'admin'
        : r.path.startsWith('/api/')
          ? r.method === 'GET'
            ? 'read'
            : 'write'
          : r.path.startsWith('/health/') || r.path === '/' || r.path.startsWith('/models/') || r.path.startsWith('/page/')
            ? 'public'
            : r.path === '/metrics'
              ? 'metrics'
              : 'unknown';
      expect(`${r.method} ${r.path} ${r.access}`).toBe(`${r.method} ${r.path} ${expected}`);
    }
  });

  it('answers every route per scope: 401 without a token, 403 below the scope, through with it', async () => {
    const rank: Record<string, number> = { read: 0, write: 1, admin: 2 };
    const tokens: [string, string][] = [
      ['read', READ],
      ['write', WRITE],
      ['admin', ADMIN],
    ];
    const seen: string[] = [];
    for (const route of registeredRoutes(api.app)) {
      const anonymous = await call(route);
      const open = route.access === 'public' || route.access === 'metrics';
      seen.push(`${route.method} ${route.path} anonymous ${open ? 'open' : anonymous.status}`);
      if (open) expect(anonymous.status, `${route.method} ${route.path}`).not.toBe(401);
      else expect(anonymous.status, `${route.method} ${route.path}`).toBe(401);
      if (open) continue;
      for (const [scope, token] of tokens) {
        const status = (await call(route, token)).status;
        const allowed = rank[scope] >= rank[route.access as string];
        if (allowed) expect([401, 403], `${route.method} ${route.path} with ${scope}`).not.toContain(status);
        else expect(status, `${route.method} ${route.path} with ${scope}`).toBe(403);
      }
    }
    expect(seen.length).toBeGreaterThan(20);
  }, 60_000);
});

describe('API authentication', () => {
  it('answers a missing token with 401, WWW-Authenticate: Bearer and the usual error shape', async () => {
    const res = await fetch(`${api.baseUrl}/api/models`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(await res.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'missing bearer token: send Authorization: Bearer <token>' });
  });

  it('answers a wrong token, another scheme or a token with extra text with 401, never echoing it', async () => {
    for (const authorization of [`Bearer ${READ}x`, `Bearer ${READ.slice(0, -1)}`, `Basic ${Buffer.from(`u:${READ}`).toString('base64')}`, `Bearer ${READ} ${READ}`, 'Bearer']) {
      const res = await fetch(`${api.baseUrl}/api/models`, { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
      const text = await res.text();
      expect(text).not.toContain(READ.slice(0, 16));
      expect(JSON.parse(text)).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    }
  });

  it('answers a token below the scope with 403 naming both scopes', async () => {
    const res = await fetch(`${api.baseUrl}/api/webhooks`, { headers: { authorization: `Bearer ${WRITE}` } });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(await res.json()).toEqual({ statusCode: 403, error: 'Forbidden', message: 'this token has scope write; this request needs admin' });
  });

  it('lets a read token read, and takes the scheme in any case', async () => {
    const res = await fetch(`${api.baseUrl}/api/models`, { headers: { authorization: `bearer ${READ}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ models: expect.any(Array) });
  });

  it('lets a write token store a policy that a read token may not', async () => {
    const put = (token: string) =>
      fetch(`${api.baseUrl}/api/models/auth-model/policy`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ minWindowEvents: 50 }),
      });
    expect((await put(READ)).status).toBe(403);
    const stored = await put(WRITE);
    expect(stored.status, await stored.clone().text()).toBe(200);
    const read = await fetch(`${api.baseUrl}/api/models/auth-model/policy`, { headers: { authorization: `Bearer ${READ}` } });
    expect(read.status).toBe(200);
  });

  it('serves the report page and its files without a token (they hold no data), the data it reads only with one', async () => {
    for (const path of ['/', '/models/auth-model', '/page/page.mjs', '/page/page.css', '/page/chart.umd.min.js']) {
      expect((await fetch(`${api.baseUrl}${path}`)).status, path).toBe(200);
    }
    expect((await fetch(`${api.baseUrl}/api/models/auth-model/drift`)).status).toBe(401);
    expect((await fetch(`${api.baseUrl}/api/models/auth-model/drift`, { headers: { authorization: `Bearer ${READ}` } })).status).toBe(200);
  });

  it('keeps health, metrics (without DRIFTWATCH_METRICS_AUTH) and the OpenAPI document open', async () => {
    expect((await fetch(`${api.baseUrl}/health/live`)).status).toBe(200);
    expect([200, 503]).toContain((await fetch(`${api.baseUrl}/health/ready`)).status);
    const metrics = await fetch(`${api.baseUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('process_cpu_user_seconds_total');
    const doc = await fetch(`${api.baseUrl}/api/docs`);
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { components: { securitySchemes: Record<string, unknown> } }).components.securitySchemes).toHaveProperty('bearer');
  });
});
