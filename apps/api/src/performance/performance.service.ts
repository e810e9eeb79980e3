import { Injectable } from '@nestjs/common';
import { PerformanceRepository, type PerformanceQuery } from '@driftwatch/store';
import { toPerformanceView, type PerformanceWindowView } from './performance-view';

@Injectable()
export class PerformanceService {
  constructor(private readonly performance: PerformanceRepository) {}

  /** Newest first, at most `query.limit`. */
  async history(query: PerformanceQuery): Promise<PerformanceWindowView[]> {
    return (await this.performance.list(query)).map(toPerformanceView);
  }
}
