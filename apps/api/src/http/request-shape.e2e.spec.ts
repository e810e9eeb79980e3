import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@driftwatch/config';
import { RuntimeModule } from '@driftwatch/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiModule } from '../api.module';
import { configureHttpApp } from './configure-http';
import { MAX_BODY_DEPTH } from './request-shape';

// Shapes found by `npm run fuzz`: each used to end in a 500 (or a reset connection).
let app: INestApplication;
let base: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'driftwatch-request-shape-'));
  const config = loadConfig({ ...process.env, DRIFTWATCH_DATA_DIR: dataDir });
  const moduleRef = await Test.createTestingModule({ imports: [RuntimeModule.forRoot({ config }), ApiModule] }).compile();
  app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error', 'warn'] });
  configureHttpApp(app as NestExpressApplication);
  await app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api/models`;
});

afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, url: string, body?: string): Promise<{ status: number; type: string; message: string }> {
  const res = await fetch(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body });
  const json = (await res.json()) as { message: string };
  return { status: res.status, type: res.headers.get('content-type') ?? '', message: json.message };
}

describe('request shapes the handlers are not written for', () => {
  it('refuses a query parameter given twice, naming it', async () => {
    const r = await call('GET', `${base}/m/windows?from=1&from=2`);
    expect(r).toMatchObject({ status: 400, message: 'query parameter "from": given more than once' });
    expect(r.type).toContain('application/json');
  });

  it('refuses a body nested deeper than the limit, and accepts one at it', async () => {
    const nested = (depth: number) => `{"drift":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    const deep = await call('PUT', `${base}/m/policy`, nested(100_000));
    expect(deep).toMatchObject({ status: 400, message: `request body is nested deeper than ${MAX_BODY_DEPTH} levels` });
    // At the limit the body reaches validation, which names the real problem.
    const atLimit = await call('PUT', `${base}/m/policy`, nested(MAX_BODY_DEPTH));
    expect(atLimit.status).toBe(400);
    expect(atLimit.message).not.toContain('nested deeper');
  });

  it('still serves a well-formed request', async () => {
    const res = await fetch(`${base}/m/windows?from=2026-01-01&to=2026-01-02`);
    expect(res.status).toBe(200);
  });
});
