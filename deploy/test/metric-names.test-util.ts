import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/** Every metric name the code registers with prom-client (`name: 'driftwatch_…'`), read from the sources of apps/ and libs/. */
export function registeredMetricNames(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry === 'dist') continue;
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (full.endsWith('.ts') && !full.endsWith('.spec.ts')) {
        for (const m of readFileSync(full, 'utf8').matchAll(/name:\s*'(driftwatch_[a-z0-9_]+)'/g)) names.add(m[1]);
      }
    }
  };
  for (const top of ['apps', 'libs']) walk(path.join(root, top));
  return names;
}

/** The driftwatch_* metric names a PromQL expression reads; a histogram's series (`_bucket`, `_count`, `_sum`) by the histogram's name. */
export function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\b(driftwatch_[a-z0-9_]+)\b/g)].map((m) => m[1].replace(/_seconds_(bucket|count|sum)$/, '_seconds'));
}
