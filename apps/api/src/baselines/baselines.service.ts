import { randomUUID } from 'node:crypto';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { STORE } from '@driftwatch/runtime';
import { BaselineSpecError, buildBaseline, columnsFromRecords, type FeatureSchemaKind } from '@driftwatch/stats';
import { computePerformance, inferTask } from '@driftwatch/evaluation';
import { predictionRecords } from './prediction-records';
import { PerformanceRepository, type Baseline, type Store } from '@driftwatch/store';
import { iso, toEpochMs } from '../http/query-params';
import type { BaselineFromWindowsBody, CreateBaselineBody } from './baseline-body.dto';
import { toBaselineView, toSummaryView, type BaselineSummaryView, type BaselineView } from './baseline-view';
import { checkBaselineBody, checkPerformance } from './check-baseline-body';

/** Samples read to build a baseline from production traffic: enough for stable deciles, bounded memory. */
export const MAX_BASELINE_SAMPLES = 200_000;

export interface FromWindowsResult extends BaselineView {
  samples: { used: number; available: number };
}

@Injectable()
export class BaselinesService {
  constructor(@Inject(STORE) private readonly store: Store) {}

  /** Stores a baseline built elsewhere (the CLI); it becomes the version's active one. */
  async create(modelId: string, modelVersion: string, body: CreateBaselineBody): Promise<BaselineView> {
    const features = checkBaselineBody(body);
    const performance = body.performance === undefined ? undefined : checkPerformance(body.performance, body.rowCount);
    const baseline: Baseline = {
      modelId,
      modelVersion,
      baselineId: body.baselineId ?? newBaselineId(),
      createdAt: Date.now(),
      rowCount: body.rowCount,
      source: body.source ?? 'api',
      features,
      ...(performance === undefined ? {} : { performance }),
    };
    await this.store.baselines.save(baseline);
    return toBaselineView(baseline);
  }

  /**
   * Builds a baseline from the raw events kept for a version that had no baseline yet (the
   * aggregator keeps them as samples), with the same statistics as from a training file.
   */
  async createFromWindows(modelId: string, modelVersion: string, body: BaselineFromWindowsBody): Promise<FromWindowsResult> {
    const from = instant('from', body.from);
    const to = instant('to', body.to);
    if (from >= to) throw new BadRequestException(`from (${iso(from)}) must be before to (${iso(to)})`);
    const kinds = forcedKinds(body);
    const query = { modelId, modelVersion, from, to };
    const available = await this.store.samples.count(query);
    if (available === 0) {
      throw new NotFoundException(
        `no stored events of model ${JSON.stringify(modelId)} version ${JSON.stringify(modelVersion)} from ${iso(from)} to ${iso(to)} ` +
          '(events are kept as samples only while a model version has no baseline)',
      );
    }
    const samples = await this.store.samples.list({ ...query, limit: MAX_BASELINE_SAMPLES });
    let built;
    let kindsUsed;
    try {
      const { records, prediction } = predictionRecords(samples);
      const columns = columnsFromRecords(records, { kinds });
      kindsUsed = columns.kinds;
      built = buildBaseline(columns.columns, { bins: body.bins, fineBins: body.fineBins, importance: body.importance, kinds: kindsUsed, prediction });
    } catch (error) {
      if (error instanceof BaselineSpecError) throw new BadRequestException(error.message);
      throw error;
    }
    // The labels joined to the predictions of the windows starting in the range, when there are any.
    const joined = await new PerformanceRepository(this.store.client).labelledPredictions(query);
    const performance = joined.some((r) => r.label !== null) ? computePerformance(joined, inferTask(joined, 'auto')) : null;
    const baseline: Baseline = {
      modelId,
      modelVersion,
      baselineId: body.baselineId ?? newBaselineId(),
      createdAt: Date.now(),
      rowCount: built.rowCount,
      source: `windows:${iso(from)}..${iso(to)}`,
      features: built.features,
      ...(performance === null ? {} : { performance }),
    };
    await this.store.baselines.save(baseline);
    return { ...toBaselineView(baseline), samples: { used: samples.length, available } };
  }

  /** `limit` of the model's baselines, newest first, from position `offset`. */
  async list(modelId: string, limit: number, offset: number): Promise<BaselineSummaryView[]> {
    return (await this.store.baselines.list(modelId, { limit, offset })).map(toSummaryView);
  }

  async active(modelId: string, modelVersion: string): Promise<BaselineView> {
    const baseline = await this.store.baselines.getActive(modelId, modelVersion);
    if (!baseline) {
      throw new NotFoundException(`model ${JSON.stringify(modelId)} version ${JSON.stringify(modelVersion)} has no baseline`);
    }
    return toBaselineView(baseline);
  }

  async get(modelId: string, baselineId: string): Promise<BaselineView> {
    const baseline = await this.store.baselines.get(modelId, baselineId);
    if (!baseline) throw new NotFoundException(`model ${JSON.stringify(modelId)} has no baseline ${JSON.stringify(baselineId)}`);
    return toBaselineView(baseline);
  }
}

/** Sortable by creation time, unique without coordination. */
function newBaselineId(): string {
  return `${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomUUID().slice(0, 8)}`;
}

function instant(name: string, value: string | number): number {
  const ms = typeof value === 'number' ? (Number.isSafeInteger(value) ? value : undefined) : typeof value === 'string' ? toEpochMs(value) : undefined;
  if (ms === undefined) throw new BadRequestException(`${name}: expected an ISO-8601 time or epoch milliseconds, got ${JSON.stringify(value)}`);
  return ms;
}

function forcedKinds(body: BaselineFromWindowsBody): Map<string, FeatureSchemaKind> {
  const kinds = new Map<string, FeatureSchemaKind>();
  for (const name of body.numeric ?? []) kinds.set(name, 'numeric');
  for (const name of body.categorical ?? []) {
    if (kinds.has(name)) throw new BadRequestException(`feature ${JSON.stringify(name)} is both numeric and categorical`);
    kinds.set(name, 'categorical');
  }
  return kinds;
}
