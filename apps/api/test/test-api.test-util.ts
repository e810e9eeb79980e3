import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@driftwatch/config';
import { RuntimeModule, STORE } from '@driftwatch/runtime';
import type { Store } from '@driftwatch/store';
import { tempDir } from '@driftwatch/testing';
import { ApiModule } from '../src/api.module';
import { configureHttpApp } from '../src/http/configure-http';
import type { ErrorBody } from '../src/http/error-body';

export interface TestApi {
  baseUrl: string;
  app: INestApplication;
  store: Store;
  close(): Promise<void>;
}

/**
 * The api module on an ephemeral port, with a real embedded ClickHouse in a fresh data
 * directory and the real broker (KAFKA_BROKERS, default the local one). One per spec file:
 * the embedded engine binds one directory per process.
 */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const data = tempDir('driftwatch-api-');
  const config = loadConfig({ ...process.env, DRIFTWATCH_DATA_DIR: data.dir, HTTP_PORT: '8080', ...env });
  const moduleRef = await Test.createTestingModule({ imports: [RuntimeModule.forRoot({ config }), ApiModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error', 'warn'] });
  configureHttpApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    app,
    store: app.get<Store>(STORE),
    close: async () => {
      await app.close();
      data.remove();
    },
  };
}

/** A TCP port nothing listens on (bound, then released). */
export { freePort as closedPort } from '@driftwatch/testing';

/** A JSON answer; `T` is what the test expects it to be (an error body on failures). */
export async function getJson<T = ErrorBody>(url: string): Promise<{ status: number; body: T & Partial<ErrorBody> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T & Partial<ErrorBody> };
}

export async function postJson<T = ErrorBody>(url: string, body: unknown): Promise<{ status: number; body: T & Partial<ErrorBody> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T & Partial<ErrorBody> };
}
