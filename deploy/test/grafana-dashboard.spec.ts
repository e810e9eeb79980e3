import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { metricsIn, registeredMetricNames } from './metric-names.test-util';
import { requireTool, run } from './tool-check.test-util';

const root = path.resolve(__dirname, '..', '..');
const grafana = path.join(root, 'deploy/grafana');
const dashboard = JSON.parse(readFileSync(path.join(grafana, 'dashboards/driftwatch.json'), 'utf8'));
const datasources = parse(readFileSync(path.join(grafana, 'provisioning/datasources/prometheus.yml'), 'utf8'));
const providers = parse(readFileSync(path.join(grafana, 'provisioning/dashboards/driftwatch.yml'), 'utf8'));
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });

interface Target {
  expr: string;
  refId: string;
  datasource?: { uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Target[];
  datasource?: { uid: string };
}
const panels: Panel[] = dashboard.panels;

/** The panels under a row: below it and above the next row. */
function rowPanels(title: string): Panel[] {
  const row = panels.find((p) => p.type === 'row' && p.title === title);
  if (!row) return [];
  const next = Math.min(...panels.filter((p) => p.type === 'row' && p.gridPos.y > row.gridPos.y).map((p) => p.gridPos.y));
  return panels.filter((p) => p.type !== 'row' && p.gridPos.y > row.gridPos.y && p.gridPos.y < next);
}

/** The drift methods of libs/stats' registry by what they decide on (`name: { decides: 'distance' | 'pValue'`). */
function registryMethods(decides: 'distance' | 'pValue'): string[] {
  const source = readFileSync(path.join(root, 'libs/stats/src/decision/method-registry.ts'), 'utf8');
  return [...source.matchAll(/^\s+(\w+): \{ decides: '(distance|pValue)'/gm)].filter((m) => m[2] === decides).map((m) => m[1]);
}

function methodsOf(expr: string): string[] {
  return (/method=~"([^"]+)"/.exec(expr)?.[1] ?? '').split('|').filter(Boolean);
}
const targets = panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, ...t })));

/** Grafana's variables replaced by values PromQL accepts, so the expression can be parsed as is. */
function asPlainPromql(expr: string): string {
  return expr.replace(/\$__rate_interval|\$__interval|\$__range/g, '5m').replace(/\$\{?model\}?/g, '.*');
}

describe('Grafana provisioning', () => {
  it('provisions the Prometheus of docker-compose as the datasource the dashboard uses', () => {
    const [ds] = datasources.datasources;
    expect(ds).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090', uid: 'driftwatch-prometheus' });
    expect(compose.services.prometheus.ports).toContain('9090:9090');
    for (const t of targets) expect(t.datasource?.uid, t.panel).toBe(ds.uid);
  });

  it('loads the dashboards from where docker-compose mounts them', () => {
    const dir = providers.providers[0].options.path;
    const volumes: string[] = compose.services.grafana.volumes;
    expect(volumes).toContain(`./deploy/grafana/dashboards:${dir}:ro`);
    expect(volumes).toContain('./deploy/grafana/provisioning:/etc/grafana/provisioning:ro');
    expect(compose.services.prometheus.volumes).toContain('./deploy/prometheus:/etc/prometheus:ro');
    expect(compose.services.alertmanager.volumes).toContain('./deploy/alertmanager:/etc/alertmanager:ro');
  });
});

describe('deploy/grafana/dashboards/driftwatch.json', () => {
  it('is a dashboard templated on the model, with unique panel ids', () => {
    expect(dashboard.uid).toBe('driftwatch-overview');
    expect(dashboard.templating.list.map((v: { name: string }) => v.name)).toEqual(['model']);
    // From a Driftwatch metric: label_values(model) alone would also list ALERTS' and other exporters' models.
    expect(dashboard.templating.list[0].query.query).toBe('label_values(driftwatch_events_total, model)');
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    expect(targets.length).toBeGreaterThanOrEqual(panels.length);
  });

  it('shows drift per feature, drifted share, open incidents, events, late and invalid events', () => {
    const exprs = targets.map((t) => t.expr).join('\n');
    for (const metric of ['driftwatch_feature_drift_score', 'driftwatch_feature_drifted', 'driftwatch_dataset_drift_share', 'driftwatch_incidents_open', 'driftwatch_events_total']) {
      expect(exprs).toContain(metric);
    }
    expect(exprs).toContain('outcome="late"');
    expect(exprs).toContain('outcome="invalid"');
    expect(targets.filter((t) => t.expr.includes('driftwatch_events_total') || t.expr.includes('driftwatch_feature')).every((t) => t.expr.includes('model=~"$model"'))).toBe(true);
  });

  it('has a Performance row: the watched metric against its baseline, label coverage and open performance_degradation incidents', () => {
    const row = panels.find((p) => p.type === 'row' && p.title === 'Performance');
    expect(row, 'a row titled Performance').toBeDefined();
    // Grafana puts a panel under the last row above it.
    const below = rowPanels('Performance');
    const exprs = below.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    const vsBaseline = below.find((p) => {
      const e = (p.targets ?? []).map((t) => t.expr).join('\n');
      return e.includes('driftwatch_model_performance{') && e.includes('driftwatch_model_performance_baseline{');
    });
    expect(vsBaseline, 'one panel plotting the metric and its baseline together').toBeDefined();
    expect(exprs.some((e) => e.includes('driftwatch_label_coverage{'))).toBe(true);
    expect(exprs.some((e) => e.includes('driftwatch_incidents_open{') && e.includes('kind="performance_degradation"'))).toBe(true);
    for (const e of exprs) expect(e).toContain('model=~"$model"');
    // No panel of the row overlaps another.
    const cells = new Set<string>();
    for (const p of panels) {
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `${p.title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('queries only metrics that the code registers', () => {
    const registered = registeredMetricNames();
    expect(registered.has('driftwatch_feature_drift_score')).toBe(true);
    for (const t of targets) {
      const used = metricsIn(t.expr);
      expect(used.length, `${t.panel}: ${t.expr}`).toBeGreaterThan(0);
      for (const name of used) expect(registered.has(name), `${t.panel} uses ${name}, which no code registers`).toBe(true);
    }
  });

  // promtool has no "parse this expression" command: each expression becomes a recording rule.
  it.runIf(requireTool('promtool', 'apt-get install -y prometheus'))('has PromQL that Prometheus parses', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'driftwatch-dashboard-'));
    try {
      const rules = {
        groups: [{ name: 'dashboard', rules: targets.map((t, i) => ({ record: `dashboard:panel_${i}`, expr: asPlainPromql(t.expr) })) }],
      };
      writeFileSync(path.join(dir, 'dashboard.rules.yml'), JSON.stringify(rules));
      const result = run('promtool', ['check', 'rules', 'dashboard.rules.yml'], dir);
      expect(result.status, result.output).toBe(0);
      expect(result.output).toContain(`SUCCESS: ${targets.length} rules found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('plots distances and p-values apart, each against its own kind of threshold, p-values on a log axis', () => {
    type Defaults = { thresholds: { steps: { color: string; value: number | null }[] }; custom: { scaleDistribution?: unknown } };
    const distances = panels.find((p) => p.title === 'Drift distance per feature') as Panel & { fieldConfig: { defaults: Defaults } };
    const pValues = panels.find((p) => p.title === 'Drift test p-value per feature') as Panel & { fieldConfig: { defaults: Defaults } };
    expect(registryMethods('distance').length).toBeGreaterThan(3);
    expect(methodsOf(distances.targets![0].expr).sort()).toEqual(registryMethods('distance').sort());
    // A test's p-value is exported as `<method>PValue`; `<method>` alone is its statistic.
    expect(methodsOf(pValues.targets![0].expr).sort()).toEqual(registryMethods('pValue').map((m) => `${m}PValue`).sort());
    // Every p-value and distance the evaluator computes from histograms is on its panel.
    const computed = readFileSync(path.join(root, 'libs/evaluation/src/evaluate/histogram-metrics.ts'), 'utf8');
    const pValueNames = [...computed.matchAll(/metrics\.(\w+PValue) =/g)].map((m) => m[1]);
    expect(pValueNames.length).toBeGreaterThanOrEqual(3);
    for (const name of pValueNames) expect(methodsOf(pValues.targets![0].expr), name).toContain(name);
    for (const name of ['psi', 'jensenShannon', 'kullbackLeibler', 'hellinger', 'totalVariation', 'wasserstein']) {
      expect(computed, name).toMatch(new RegExp(`\\b${name}\\b`));
      expect(methodsOf(distances.targets![0].expr), name).toContain(name);
    }
    expect(distances.fieldConfig.defaults.thresholds.steps.map((s) => s.value)).toContain(0.1);
    expect(pValues.fieldConfig.defaults.custom.scaleDistribution).toEqual({ type: 'log', log: 10 });
    // Red below α: a small p-value is the drifted one.
    expect(pValues.fieldConfig.defaults.thresholds.steps).toEqual([{ color: 'red', value: null }, { color: 'green', value: 0.05 }]);
    // A p-value of 0 (the most drifted) must still be drawn on a log axis.
    expect(pValues.targets![0].expr).toMatch(/^clamp_min\(/);
    expect(targets.some((t) => t.expr.includes('driftwatch_feature_drift_score') && methodsOf(t.expr).length === 0)).toBe(false);
  });

  it('shows 0 rather than "No data" on every stat panel, and counts drifted input features without the prediction', () => {
    for (const p of panels.filter((p) => p.type === 'stat')) {
      for (const t of p.targets ?? []) {
        expect(t.expr, p.title).toMatch(/ or (on\(\) )?vector\(0\)$/);
        // Per-model series have labels: a plain `or vector(0)` would add an unlabelled 0 beside them.
        if (/^sum by \(/.test(t.expr)) expect(t.expr, p.title).toMatch(/ or on\(\) vector\(0\)$/);
      }
    }
    const drifted = panels.find((p) => p.title === 'Drifted features')!;
    expect(drifted.targets![0].expr).toContain('feature!="@prediction"');
  });

  it('gives events per second their unit and counts webhook deliveries per minute whatever the zoom', () => {
    const units = (p: Panel) => (p as Panel & { fieldConfig?: { defaults: { unit?: string } } }).fieldConfig?.defaults.unit;
    expect(panels.some((p) => units(p as Panel) === 'reqps')).toBe(false);
    expect(units(panels.find((p) => p.title === 'Events per second by outcome')!)).toBe('suffix: events/s');
    const webhooks = panels.find((p) => p.title.startsWith('Webhook deliveries'))!;
    expect(webhooks.targets![0].expr).not.toMatch(/increase\([^)]*\$__rate_interval/);
    expect(webhooks.targets![0].expr).toMatch(/rate\(driftwatch_webhook_deliveries_total\[\$__rate_interval\]\)\) \* 60$/);
  });

  it('has a Pipeline health row with lag, watermark delay, flush and evaluation durations, dead letters, write errors and baseline age', () => {
    const exprs = rowPanels('Pipeline health').flatMap((p) => (p.targets ?? []).map((t) => t.expr)).join('\n');
    for (const metric of [
      'driftwatch_consumer_lag_records',
      'driftwatch_aggregator_watermark_delay_seconds',
      'driftwatch_aggregator_flush_duration_seconds_bucket',
      'driftwatch_evaluator_evaluation_duration_seconds_bucket',
      'driftwatch_dlq_messages_total',
      'driftwatch_store_write_errors_total',
      'driftwatch_baseline_age_seconds',
    ]) {
      expect(exprs, metric).toContain(metric);
    }
  });
});
