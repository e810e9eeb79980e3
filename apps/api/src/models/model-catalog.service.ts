import { Inject, Injectable } from '@nestjs/common';
import { STORE } from '@driftwatch/runtime';
import type { Store } from '@driftwatch/store';
import { iso } from '../http/query-params';

export interface ModelVersionView {
  modelVersion: string;
  windowCount: number;
  eventCount: number;
  firstWindowStart: string | null;
  lastWindowEnd: string | null;
  hasBaseline: boolean;
  activeBaselineId: string | null;
}

export interface ModelView {
  modelId: string;
  versions: ModelVersionView[];
}

@Injectable()
export class ModelCatalogService {
  constructor(@Inject(STORE) private readonly store: Store) {}

  /** Every model with windows or a baseline, its versions with window counts and baseline presence. */
  async list(): Promise<ModelView[]> {
    const [summaries, windowStats, baselines] = await Promise.all([
      this.store.windows.listModels(),
      this.windowStats(),
      this.store.baselines.list(),
    ]);
    const active = new Map(baselines.filter((b) => b.active).map((b) => [key(b.modelId, b.modelVersion), b.baselineId]));
    const models = new Map<string, ModelView>();
    for (const s of summaries) {
      let model = models.get(s.modelId);
      if (!model) {
        model = { modelId: s.modelId, versions: [] };
        models.set(s.modelId, model);
      }
      const stats = windowStats.get(key(s.modelId, s.modelVersion));
      model.versions.push({
        modelVersion: s.modelVersion,
        windowCount: stats?.count ?? 0,
        eventCount: s.eventCount,
        firstWindowStart: iso(stats?.first ?? null),
        lastWindowEnd: iso(stats?.last ?? null),
        hasBaseline: s.hasBaseline,
        activeBaselineId: active.get(key(s.modelId, s.modelVersion)) ?? null,
      });
    }
    return [...models.values()];
  }

  // Not among the store's repository methods yet: distinct windows per model version, and the
  // time span from the windows alone (listModels' span also counts baseline-only rows as epoch 0).
  private async windowStats(): Promise<Map<string, { count: number; first: number; last: number }>> {
    const result = await this.store.client.client.query({
      query: `SELECT model_id, model_version, uniqExact(window_start) AS n,
                     toUnixTimestamp64Milli(min(window_start)) AS first_ms, toUnixTimestamp64Milli(max(window_end)) AS last_ms
              FROM ${this.store.client.table('windows')} GROUP BY model_id, model_version`,
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ model_id: string; model_version: string; n: string | number; first_ms: string | number; last_ms: string | number }>();
    return new Map(rows.map((r) => [key(r.model_id, r.model_version), { count: Number(r.n), first: Number(r.first_ms), last: Number(r.last_ms) }]));
  }
}

function key(modelId: string, modelVersion: string): string {
  return JSON.stringify([modelId, modelVersion]);
}
