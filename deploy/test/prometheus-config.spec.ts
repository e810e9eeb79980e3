import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { metricsIn, registeredMetricNames } from './metric-names.test-util';
import { requireTool, run } from './tool-check.test-util';

const deploy = path.resolve(__dirname, '..');
const APT = 'apt-get install -y prometheus prometheus-alertmanager';
const promtool = requireTool('promtool', APT);
const amtool = requireTool('amtool', APT);

describe.runIf(promtool)('deploy/prometheus with promtool', () => {
  it('has valid alerting rules', () => {
    const result = run('promtool', ['check', 'rules', 'prometheus/rules/driftwatch.rules.yml'], deploy);
    expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
    // Every alert has a promtool test that makes it fire.
    const tested = readFileSync(path.join(deploy, 'prometheus/tests/driftwatch.rules.test.yml'), 'utf8');
    const rules = parse(readFileSync(path.join(deploy, 'prometheus/rules/driftwatch.rules.yml'), 'utf8'));
    for (const g of rules.groups) for (const r of g.rules) expect(tested, `${r.alert} has no promtool test`).toContain(`alertname: ${r.alert}`);
    expect(result.status, result.output).toBe(0);
  });

  it('passes its rule unit tests', () => {
    const tests = readdirSync(path.join(deploy, 'prometheus/tests')).filter((f) => f.endsWith('.test.yml'));
    expect(tests.length).toBeGreaterThan(0);
    const result = run('promtool', ['test', 'rules', ...tests.map((t) => `prometheus/tests/${t}`)], deploy);
    expect(result.status, result.output).toBe(0);
  });

  it('has a valid scrape configuration that loads the rules', () => {
    const result = run('promtool', ['check', 'config', 'prometheus/prometheus.yml'], deploy);
    expect(result.output).toMatch(/SUCCESS: 1 rule files found/);
    expect(result.status, result.output).toBe(0);
  });
});

describe.runIf(amtool)('deploy/alertmanager with amtool', () => {
  it('has a valid configuration', () => {
    const result = run('amtool', ['check-config', 'alertmanager/alertmanager.yml'], deploy);
    expect(result.status, result.output).toBe(0);
  });
});

describe('deploy/prometheus/rules', () => {
  it('alert only on metrics that the code registers', () => {
    const registered = registeredMetricNames();
    const rules = parse(readFileSync(path.join(deploy, 'prometheus/rules/driftwatch.rules.yml'), 'utf8'));
    const exprs: { alert: string; expr: string }[] = rules.groups.flatMap((g: { rules: { alert: string; expr: string }[] }) => g.rules);
    expect(exprs.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'DriftwatchFeatureDrift',
        'DriftwatchCriticalIncident',
        'DriftwatchDatasetDrift',
        'DriftwatchHighInvalidEvents',
        'DriftwatchSilence',
        'DriftwatchPerformanceDegradation',
        'DriftwatchLowLabelCoverage',
        'DriftwatchConsumerLagGrowing',
        'DriftwatchDeadLetters',
        'DriftwatchStoreWriteErrors',
      ]),
    );
    for (const rule of exprs) {
      expect(metricsIn(rule.expr).length, rule.alert).toBeGreaterThan(0);
      for (const name of metricsIn(rule.expr)) expect(registered.has(name), `${rule.alert} uses ${name}, which no code registers`).toBe(true);
    }
  });
});

describe('deploy/prometheus/prometheus.yml', () => {
  const config = parse(readFileSync(path.join(deploy, 'prometheus/prometheus.yml'), 'utf8'));
  const compose = parse(readFileSync(path.join(deploy, '..', 'docker-compose.yml'), 'utf8'), { merge: true });
  type Job = { job_name: string; static_configs?: { targets: string[] }[]; dns_sd_configs?: { names: string[]; type: string; port: number }[] };
  const jobs: Job[] = config.scrape_configs;

  it('scrapes every Driftwatch service of the compose file through its DNS name (one target per container), on its HTTP_PORT', () => {
    const services = Object.entries<{ build?: unknown; environment: Record<string, string> }>(compose.services).filter(([, s]) => s.build);
    expect(services.map(([name]) => name).sort()).toEqual(['aggregator', 'alerter', 'api', 'evaluator']);
    for (const [name, service] of services) {
      const job = jobs.find((j) => j.dns_sd_configs?.some((d) => d.names.includes(name)));
      expect(job, `no dns_sd job scrapes ${name}`).toBeDefined();
      const sd = job!.dns_sd_configs!.find((d) => d.names.includes(name))!;
      expect(sd.type, name).toBe('A');
      expect(String(sd.port), name).toBe(service.environment.HTTP_PORT);
    }
  });

  it('lists no Driftwatch container as a static target, which would miss the replicas of a scaled service', () => {
    const statics = jobs.flatMap((j) => (j.static_configs ?? []).flatMap((c) => c.targets));
    expect(statics).toEqual(['localhost:9090']);
  });
});
