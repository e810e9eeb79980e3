// The aggregator alone (distributed mode) serves its own /metrics and health.
import 'reflect-metadata';
import { loadConfig } from '@driftwatch/config';
import { checkServiceHttp, isolatedEnv, tempDir, uniqueName } from '@driftwatch/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, describe, expect, it } from 'vitest';
import { startAggregatorApp } from '../src/bootstrap';

const data = tempDir('driftwatch-aggregator-http-');
let app: NestExpressApplication | undefined;
afterAll(async () => {
  await app?.close();
  data.remove();
});

describe('aggregator service HTTP', () => {
  it('serves /health/live at once, /health/ready once consuming, and /metrics with its own series at 0', async () => {
    const base = uniqueName('agg-http');
    const config = loadConfig({ ...isolatedEnv(base, { dataDir: data.dir }), KAFKA_CLIENT_ID: 'aggregator-http-test' });
    app = await startAggregatorApp({ config, httpPort: 0, aggregator: { consumer: { maxWaitTimeMs: 50, sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, restartDelayMs: 100 } } });
    const text = await checkServiceHttp(await app.getUrl());
    expect(text).toContain('driftwatch_aggregator_dead_lettered_total{code="poison"} 0');
    expect(text).toContain(`driftwatch_dlq_messages_total{topic="${config.topics.events}",reason="invalid"} 0`);
    expect(text).toContain('# TYPE driftwatch_aggregator_flush_duration_seconds histogram');
    expect(text).toContain('# TYPE driftwatch_consumer_lag_records gauge');
  }, 120_000);
});
