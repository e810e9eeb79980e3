import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './test-api.test-util';

const READ = 'metrics-reader-0123456789';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ DRIFTWATCH_API_TOKENS: `read:${READ}`, DRIFTWATCH_METRICS_AUTH: 'true' });
});

afterAll(async () => {
  await api?.close();
});

describe('DRIFTWATCH_METRICS_AUTH=true', () => {
  it('puts /metrics behind a read token', async () => {
    const anonymous = await fetch(`${api.baseUrl}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect((await fetch(`${api.baseUrl}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    const scraped = await fetch(`${api.baseUrl}/metrics`, { headers: { authorization: `Bearer ${READ}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('process_cpu_user_seconds_total');
  });

  it('keeps the health routes open', async () => {
    expect((await fetch(`${api.baseUrl}/health/live`)).status).toBe(200);
    expect([200, 503]).toContain((await fetch(`${api.baseUrl}/health/ready`)).status);
  });
});
