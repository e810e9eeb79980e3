import { Injectable } from '@nestjs/common';
import { DriftResultRepository, type DriftResultQuery } from '@driftwatch/store';
import { toDriftView, type DriftEvaluationView } from './drift-view';

/**
 * Stored evaluation JSON per page of the drift history (docs/security.md, "Responses (api)"): a
 * page stops early, with a nextCursor, rather than carry thousands of evaluations of a thousand
 * features each. One evaluation is always answered (the evaluator's own are at most 16 MiB).
 */
export const DRIFT_PAGE_MAX_BYTES = 32 * 1024 * 1024;

@Injectable()
export class DriftService {
  constructor(private readonly results: DriftResultRepository) {}

  /** The page's newest evaluations, as many as fit in DRIFT_PAGE_MAX_BYTES, and how many the page selected before that cut. */
  async history(query: DriftResultQuery, withMetrics: boolean): Promise<{ evaluations: DriftEvaluationView[]; selected: number }> {
    const page = await this.results.listWithin(query, DRIFT_PAGE_MAX_BYTES);
    return { evaluations: page.evaluations.map((e) => toDriftView(e, withMetrics)), selected: page.selected };
  }
}
