// The evaluator alone (distributed mode) serves its own /metrics and health.
import 'reflect-metadata';
import { loadConfig } from '@driftwatch/config';
import { checkServiceHttp, isolatedEnv, tempDir, uniqueName } from '@driftwatch/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, describe, expect, it } from 'vitest';
import { startEvaluatorApp } from '../src/bootstrap';

const data = tempDir('driftwatch-evaluator-http-');
let app: NestExpressApplication | undefined;
afterAll(async () => {
  await app?.close();
  data.remove();
});

describe('evaluator service HTTP', () => {
  it('serves /health/live at once, /health/ready once consuming, and /metrics with its own series at 0', async () => {
    const base = uniqueName('eval-http');
    const config = loadConfig({ ...isolatedEnv(base, { dataDir: data.dir }), KAFKA_CLIENT_ID: 'evaluator-http-test' });
    app = await startEvaluatorApp({ config, httpPort: 0, evaluator: { consumer: { maxWaitTimeMs: 50, sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, restartDelayMs: 100 } } });
    const text = await checkServiceHttp(await app.getUrl());
    expect(text).toContain('driftwatch_evaluator_evaluation_duration_seconds_count{granularity="window"} 0');
    expect(text).toContain(`driftwatch_dlq_messages_total{topic="${config.topics.windows}",reason="invalid"} 0`);
    expect(text).toContain('# TYPE driftwatch_baseline_age_seconds gauge');
    expect(text).toContain('# TYPE driftwatch_consumer_lag_records gauge');
  }, 120_000);
});
