import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, getJson, startTestApi, type TestApi } from './test-api.test-util';

// Its own spec file, so its own process: the embedded engine binds one data directory per process.
let api: TestApi;
let port: number;

beforeAll(async () => {
  port = await closedPort();
  api = await startTestApi({ KAFKA_BROKERS: `127.0.0.1:${port}` });
});

afterAll(async () => {
  await api?.close();
});

describe('/health/ready with Kafka down', () => {
  it('answers 503 naming Kafka, while ClickHouse is fine and the process is live', async () => {
    const ready = await getJson<{ checks: Record<string, { ok: boolean }> }>(`${api.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body.statusCode).toBe(503);
    expect(ready.body.error).toBe('Service Unavailable');
    expect(ready.body.message).toMatch(new RegExp(`^not ready: kafka \\(127\\.0\\.0\\.1:${port}: `));
    expect(ready.body.checks.clickhouse).toEqual({ ok: true });
    expect(ready.body.checks.kafka.ok).toBe(false);
    expect((await getJson(`${api.baseUrl}/health/live`)).status).toBe(200);
  });
});
