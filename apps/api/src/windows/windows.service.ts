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

export interface WindowPage {
  items: WindowView[];
  /** Epoch ms where the next page starts, as text; null on the last page. */
  nextCursor: string | null;
}

@Injectable()
export class WindowsService {
  constructor(@Inject(STORE) private readonly store: Store) {}

  /** At most `limit` window starts from `range.from` on, and where the next page starts. */
  async windows(range: WindowRange, limit: number): Promise<WindowPage> {
    const end = await this.store.windows.pageEnd({ ...range, limit });
    const items = (await this.store.windows.windows({ ...range, to: end ?? range.to })).map(toWindowView);
    return { items, nextCursor: end === null ? null : String(end) };
  }

  /** At most `limit` buckets from `range.from` on, and where the next page starts (a bucket start). */
  async rollup(range: WindowRange, bucketSeconds: number, limit: number): Promise<WindowPage> {
    const end = await this.store.windows.pageEnd({ ...range, limit, bucketSeconds });
    const items = (await this.store.windows.rollup({ ...range, to: end ?? range.to, bucketSeconds })).map(toWindowView);
    return { items, nextCursor: end === null ? null : String(end) };
  }
}
