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
  /** How many versions the model has; `versions` lists at most MAX_VERSIONS_PER_MODEL of them. */
  versionCount: number;
  versions: ModelVersionView[];
}

/** Versions listed per model in GET /api/models: model versions come from events, so a client can make them many. */
export const MAX_VERSIONS_PER_MODEL = 100;

@Injectable()
export class ModelCatalogService {
  constructor(@Inject(STORE) private readonly store: Store) {}

  /**
   * `limit` models (by id) from position `offset`, with their versions (at most
   * MAX_VERSIONS_PER_MODEL each: those with the newest windows), window counts and active baselines.
   */
  async page(limit: number, offset: number): Promise<ModelView[]> {
    const summaries = await this.store.windows.listModelPage({ limit, offset, maxVersions: MAX_VERSIONS_PER_MODEL });
    const active = await this.store.baselines.activeIds([...new Set(summaries.map((s) => s.modelId))]);
    const models = new Map<string, ModelView>();
    for (const s of summaries) {
      let model = models.get(s.modelId);
      if (!model) {
        model = { modelId: s.modelId, versionCount: s.versionCount, versions: [] };
        models.set(s.modelId, model);
      }
      model.versions.push({
        modelVersion: s.modelVersion,
        windowCount: s.windowCount,
        eventCount: s.eventCount,
        firstWindowStart: iso(s.firstWindowStart),
        lastWindowEnd: iso(s.lastWindowEnd),
        hasBaseline: s.hasBaseline,
        activeBaselineId: active.get(key(s.modelId, s.modelVersion)) ?? null,
      });
    }
    return [...models.values()];
  }
}

function key(modelId: string, modelVersion: string): string {
  return JSON.stringify([modelId, modelVersion]);
}
