// Every query of the shipped Grafana dashboard (deploy/grafana/dashboards/driftwatch.json) as
// Prometheus would receive it from Grafana: panel targets with the template variables
// substituted, and the variables' own queries.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface DashboardQuery {
  /** Panel title (or `$<variable>`). */
  panel: string;
  refId: string;
  expr: string;
}

interface Dashboard {
  templating: { list: { name: string; query: { query: string } }[] };
  panels: { type: string; title: string; gridPos: { y: number }; targets?: { refId: string; expr: string }[] }[];
}

const DASHBOARD = path.resolve(__dirname, '../../../deploy/grafana/dashboards/driftwatch.json');

export function loadDashboard(): Dashboard {
  return JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
}

/** `$model` as Grafana substitutes one selected value in `=~`, `$__rate_interval` as given (Grafana: max(4 × scrape interval, step)). */
export function dashboardQueries(model: string, rateInterval: string): DashboardQuery[] {
  const d = loadDashboard();
  const substitute = (expr: string) => expr.replace(/\$__rate_interval/g, rateInterval).replace(/\$\{?model\}?/g, model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const targets = d.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, refId: t.refId, expr: substitute(t.expr) })));
  // Grafana's label_values(metric, label) asks for the label's values on the metric's series.
  const variables = d.templating.list.map((v) => {
    const m = /^label_values\((\w+),\s*(\w+)\)$/.exec(v.query.query);
    if (!m) throw new Error(`variable $${v.name}: expected label_values(metric, label), got ${v.query.query}`);
    return { panel: `$${v.name}`, refId: v.name, expr: `group by (${m[2]}) (${m[1]})` };
  });
  return [...variables, ...targets];
}

/** The panel titles under a row of the dashboard. */
export function rowPanelTitles(title: string): string[] {
  const d = loadDashboard();
  const row = d.panels.find((p) => p.type === 'row' && p.title === title);
  if (!row) throw new Error(`no row titled ${title}`);
  const next = Math.min(...d.panels.filter((p) => p.type === 'row' && p.gridPos.y > row.gridPos.y).map((p) => p.gridPos.y));
  return d.panels.filter((p) => p.type !== 'row' && p.gridPos.y > row.gridPos.y && p.gridPos.y < next).map((p) => p.title);
}
