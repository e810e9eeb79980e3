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
    const [summaries, baselines] = await Promise.all([this.store.windows.listModels(), this.store.baselines.list()]);
    const active = new Map(baselines.filter((b) => b.active).map((b) => [key(b.modelId, b.modelVersion), b.baselineId]));
    const models = new Map<string, ModelView>();
    for (const s of summaries) {
      let model = models.get(s.modelId);
      if (!model) {
        model = { modelId: s.modelId, versions: [] };
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
