import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { register } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationMessage } from '@driftwatch/contracts';
import { freePort } from '@driftwatch/testing';
import { AlerterMetrics } from '../src/alerter.metrics';
import { evaluation, waitFor } from './support/alerter-harness';

// A real Prometheus (Debian package `prometheus`) scrapes the alerter's metrics and answers
// PromQL. Skipped only outside CI when the binary is missing.
const available = spawnSync('prometheus', ['--version']).status === 0;
if (!available && !process.env.CI) process.stderr.write('skipping the Prometheus scrape test: `prometheus` is not installed (apt-get install -y prometheus)\n');

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

describe.runIf(available || process.env.CI)('Prometheus scraping the alerter metrics', () => {
  const metrics = new AlerterMetrics();
  const dir = mkdtempSync(path.join(tmpdir(), 'driftwatch-prometheus-'));
  let target: Server;
  let prometheus: ChildProcess;
  let promUrl: string;
  let log = '';

  async function query(promql: string): Promise<Sample[]> {
    const response = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await response.json()) as { status: string; data: { result: Sample[] } };
    if (body.status !== 'success') throw new Error(`query ${promql} failed: ${JSON.stringify(body)}`);
    return body.data.result;
  }

  beforeAll(async () => {
    const income = evaluation('credit-risk', 0, []);
    const withAge: EvaluationMessage = {
      ...income,
      modelVersion: '7',
      features: [
        { ...income.features[0], metrics: { psi: 0.3125, wasserstein: 0.25 }, drift: { detected: true, method: 'psi', value: 0.3125, threshold: 0.25, severity: 'critical' } },
        { ...income.features[0], name: 'age', metrics: { psi: 0.02 } },
      ],
      dataset: { driftShare: 0.5, threshold: 0.5, detected: true },
    };
    metrics.observeEvaluation(withAge, 'evaluations:0');

    target = createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end();
      register.metrics().then(
        (text) => res.writeHead(200, { 'content-type': register.contentType }).end(text),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const targetPort = (target.address() as AddressInfo).port;
    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    writeFileSync(
      path.join(dir, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        'scrape_configs:',
        '  - job_name: driftwatch-alerter',
        '    static_configs:',
        `      - targets: ["127.0.0.1:${targetPort}"]`,
        '',
      ].join('\n'),
    );
    prometheus = spawn(
      'prometheus',
      [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    prometheus.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    await waitFor(
      'Prometheus to be ready',
      async () => {
        if (prometheus.exitCode !== null) throw new Error(`prometheus exited with ${prometheus.exitCode}: ${log}`);
        return fetch(`${promUrl}/-/ready`).then((r) => r.ok, () => false);
      },
      30_000,
    );
  });

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (prometheus.exitCode === null) prometheus.kill('SIGKILL');
    }
    await new Promise((resolve) => target?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the drift gauge with its labels and value through PromQL', async () => {
    let samples: Sample[] = [];
    await waitFor('a scrape with the drift gauge', async () => (samples = await query('driftwatch_feature_drift_score')).length >= 3, 30_000);
    const rows = samples.map((s) => [s.metric.feature, s.metric.method, s.metric.model, s.metric.model_version, s.metric.job, Number(s.value[1])]).sort();
    expect(rows).toEqual([
      ['age', 'psi', 'credit-risk', '7', 'driftwatch-alerter', 0.02],
      ['income', 'psi', 'credit-risk', '7', 'driftwatch-alerter', 0.3125],
      ['income', 'wasserstein', 'credit-risk', '7', 'driftwatch-alerter', 0.25],
    ]);
    const drifted = await query('driftwatch_feature_drifted == 1');
    expect(drifted.map((s) => s.metric.feature)).toEqual(['income']);
    const share = await query('driftwatch_dataset_drift_share{model="credit-risk"}');
    expect(share.map((s) => Number(s.value[1]))).toEqual([0.5]);
  });

  it('stops returning the series of a feature that retired', async () => {
    const income = evaluation('credit-risk', 1, []);
    metrics.observeEvaluation({ ...income, modelVersion: '7' }, 'evaluations:0');
    await waitFor('the age series to go stale', async () => (await query('driftwatch_feature_drift_score{feature="age"}')).length === 0, 30_000);
    const left = await query('driftwatch_feature_drift_score');
    expect(left.map((s) => `${s.metric.feature}/${s.metric.method}=${s.value[1]}`)).toEqual(['income/psi=0.02']);
  });
});
