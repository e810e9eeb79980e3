import { compileBaseline, type CompiledBaseline } from '@driftwatch/ingest';
import type { BaselineRepository } from '@driftwatch/store';

interface Entry {
  baseline: CompiledBaseline | null;
  loadedAt: number;
}

/**
 * Active baselines per model version, compiled once. Entries (including "no baseline") are
 * re-read after `refreshMs`, so a baseline created while the aggregator runs is used from the
 * next refresh on, without a restart.
 */
export class BaselineCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly repository: Pick<BaselineRepository, 'getActive'>,
    private readonly refreshMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads what is missing or stale among `models` ([modelId, modelVersion] pairs). */
  async ensure(models: Iterable<readonly [string, string]>): Promise<void> {
    const now = this.now();
    const due = new Map<string, readonly [string, string]>();
    for (const pair of models) {
      const key = keyOf(pair[0], pair[1]);
      const entry = this.entries.get(key);
      if (!entry || now - entry.loadedAt >= this.refreshMs) due.set(key, pair);
    }
    await Promise.all(
      [...due].map(async ([key, [modelId, modelVersion]]) => {
        const baseline = await this.repository.getActive(modelId, modelVersion);
        const current = this.entries.get(key);
        // Keep the compiled object when nothing changed: accumulators compare by identity.
        const same = current?.baseline && baseline && current.baseline.baselineId === baseline.baselineId;
        this.entries.set(key, { baseline: same ? current.baseline : baseline && compileBaseline(baseline), loadedAt: now });
      }),
    );
  }

  /** The active baseline as last loaded; null when the model version has none (or was never loaded). */
  get(modelId: string, modelVersion: string): CompiledBaseline | null {
    return this.entries.get(keyOf(modelId, modelVersion))?.baseline ?? null;
  }
}

function keyOf(modelId: string, modelVersion: string): string {
  return `${modelId}\u0000${modelVersion}`;
}
