import { Injectable } from '@nestjs/common';
import { DriftResultRepository, type DriftResultQuery } from '@driftwatch/store';
import { toDriftView, type DriftEvaluationView } from './drift-view';

@Injectable()
export class DriftService {
  constructor(private readonly results: DriftResultRepository) {}

  async history(query: DriftResultQuery, withMetrics: boolean): Promise<DriftEvaluationView[]> {
    return (await this.results.list(query)).map((e) => toDriftView(e, withMetrics));
  }
}
