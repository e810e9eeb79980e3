import { Inject, Injectable } from '@nestjs/common';
import { STORE } from '@driftwatch/runtime';
import type { Store } from '@driftwatch/store';
import { toWindowView, type WindowView } from './window-view';

export interface WindowRange {
  modelId: string;
  modelVersion?: string;
  from: number;
  to: number;
}

@Injectable()
export class WindowsService {
  constructor(@Inject(STORE) private readonly store: Store) {}

  async windows(range: WindowRange): Promise<WindowView[]> {
    return (await this.store.windows.windows(range)).map(toWindowView);
  }

  async rollup(range: WindowRange, bucketSeconds: number): Promise<WindowView[]> {
    return (await this.store.windows.rollup({ ...range, bucketSeconds })).map(toWindowView);
  }
}
