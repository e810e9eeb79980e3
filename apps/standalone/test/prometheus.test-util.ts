// A real Prometheus (Debian package `prometheus`) scraping one target every second, as
// apps/alerter/test/prometheus-scrape.spec.ts runs it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@driftwatch/testing';
import { waitFor } from './standalone-harness.test-util';

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface PrometheusRule {
  name: string;
  type: 'alerting' | 'recording';
  health: string;
  lastError?: string;
  state?: string;
  alerts?: { labels: Record<string, string>; state: string }[];
}

export interface PrometheusServer {
  query(promql: string): Promise<PromSample[]>;
  /** Every rule of the loaded rule files with its health and, for alerts, its active alerts. */
  rules(): Promise<PrometheusRule[]>;
  stop(): Promise<void>;
}

/** Whether to run Prometheus: always in CI (a missing binary then fails the test), else when installed. */
export function prometheusWanted(): boolean {
  const installed = spawnSync('prometheus', ['--version']).status === 0;
  if (!installed && !process.env.CI) process.stderr.write('skipping the PromQL checks: `prometheus` is not installed (apt-get install -y prometheus)\n');
  return installed || Boolean(process.env.CI);
}

/** `ruleFiles`: absolute paths of rule files to load, evaluated every second. */
export async function startPrometheus(job: string, target: string, ruleFiles: readonly string[] = []): Promise<PrometheusServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'driftwatch-prometheus-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(
    path.join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      ...(ruleFiles.length > 0 ? ['rule_files:', ...ruleFiles.map((f) => `  - ${JSON.stringify(f)}`)] : []),
      'scrape_configs:',
      `  - job_name: ${job}`,
      '    static_configs:',
      `      - targets: ["${target}"]`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    'prometheus',
    [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'Prometheus to be ready',
      async () => {
        if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${log}`);
        return fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
      },
      30_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    async query(promql) {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await response.json()) as { status: string; data: { result: PromSample[] } };
      if (body.status !== 'success') throw new Error(`PromQL ${promql} failed: ${JSON.stringify(body)}`);
      return body.data.result;
    },
    async rules() {
      const response = await fetch(`${url}/api/v1/rules`);
      const body = (await response.json()) as { status: string; data: { groups: { rules: PrometheusRule[] }[] } };
      if (body.status !== 'success') throw new Error(`rules failed: ${JSON.stringify(body)}`);
      return body.data.groups.flatMap((g) => g.rules);
    },
    stop,
  };
}
