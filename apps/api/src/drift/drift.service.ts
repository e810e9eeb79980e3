import { Inject, Injectable } from '@nestjs/common';
import { STORE } from '@driftwatch/runtime';
import { DriftResultRepository, type DriftResultQuery, type Store } from '@driftwatch/store';
import { toDriftView, type DriftEvaluationView } from './drift-view';

@Injectable()
export class DriftService {
  private readonly results: DriftResultRepository;

  constructor(@Inject(STORE) store: Store) {
    this.results = new DriftResultRepository(store.client);
  }

  async history(query: DriftResultQuery, withMetrics: boolean): Promise<DriftEvaluationView[]> {
    return (await this.results.list(query)).map((e) => toDriftView(e, withMetrics));
  }
}
