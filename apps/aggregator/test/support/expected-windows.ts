// The reference the integration specs compare the stored windows with, computed from the
// produced events by plain loops that share no code with the aggregator: a value's bin is the
// number of baseline edges <= it (numpy's searchsorted side="right"), on the coarse and on the
// fine grid alike (no fine grid: no fine bins), a category is the value
// as text, missing is null or absent, anything of another JSON type is a type error.
import type { Baseline } from '@driftwatch/store';
import type { RawEvent } from './ingest-harness';

export interface ExpectedFeature {
  count: number;
  missing: number;
  typeErrors: number;
  bins: number[];
  fineBins: number[];
  categories: Record<string, number>;
}

export interface ExpectedWindow {
  modelId: string;
  windowStart: number;
  events: number;
  features: Record<string, ExpectedFeature>;
}

export function expectedWindows(events: readonly RawEvent[], baselines: readonly Baseline[], windowMs: number): Map<string, ExpectedWindow> {
  const out = new Map<string, ExpectedWindow>();
  for (const e of events) {
    const ts = typeof e.timestamp === 'number' ? e.timestamp : Date.parse(e.timestamp);
    const start = ts - (((ts % windowMs) + windowMs) % windowMs);
    const id = `${e.modelId}@${start}`;
    let w = out.get(id);
    if (!w) out.set(id, (w = { modelId: e.modelId, windowStart: start, events: 0, features: {} }));
    w.events += 1;
    const baseline = baselines.find((b) => b.modelId === e.modelId && b.modelVersion === e.modelVersion);
    const known = new Set(baseline?.features.map((f) => f.name) ?? []);
    for (const f of baseline?.features ?? []) {
      const x = (w.features[f.name] ??= {
        count: 0,
        missing: 0,
        typeErrors: 0,
        bins: f.kind === 'numeric' ? new Array(f.edges.length + 1).fill(0) : [],
        fineBins: f.kind === 'numeric' && f.fineEdges?.length ? new Array(f.fineEdges.length + 1).fill(0) : [],
        categories: {},
      });
      const v = e.features[f.name];
      if (v === null || v === undefined) x.missing++;
      else if (f.kind === 'numeric') {
        if (typeof v !== 'number') x.typeErrors++;
        else {
          x.count++;
          x.bins[f.edges.filter((edge) => edge <= v).length]++;
          if (x.fineBins.length > 0) x.fineBins[f.fineEdges!.filter((edge) => edge <= v).length]++;
        }
      } else {
        const ok = f.kind === 'boolean' ? typeof v === 'boolean' : typeof v === 'string' || typeof v === 'number';
        if (!ok) x.typeErrors++;
        else {
          x.count++;
          x.categories[String(v)] = (x.categories[String(v)] ?? 0) + 1;
        }
      }
    }
    for (const [name, v] of Object.entries(e.features)) {
      if (known.has(name) || v === undefined) continue;
      const x = (w.features[name] ??= { count: 0, missing: 0, typeErrors: 0, bins: [], fineBins: [], categories: {} });
      if (v === null) x.missing++;
      else x.count++;
    }
  }
  return out;
}
