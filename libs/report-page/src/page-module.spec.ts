import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageAssetsDir } from './page-assets';

// page.mjs's pure parts (URL state, histogram shapes, drift score), in Node: the browser tests
// (apps/standalone, apps/cli) cover the drawing.
interface Pair {
  labels: string[];
  reference: number[];
  current: number[];
  fresh: boolean[];
}
interface PageModule {
  parseLocation(pathname: string, search: string, now: number): { model: string | null; range: { key: string; from: number; to: number }; version: string | null; feature: string | null };
  locationOf(state: ReturnType<PageModule['parseLocation']>): string;
  numericPair(edges: number[], ref: number[], cur: number[]): Pair;
  categoricalPair(ref: Record<string, number>, cur: Record<string, number>): Pair;
  driftScore(method: string, value: number | null, threshold: number): number | null;
  MAX_CATEGORIES: number;
  OTHER_CATEGORY: string;
}

let page: PageModule;

beforeAll(async () => {
  page = (await import(pathToFileURL(path.join(pageAssetsDir(), 'page.mjs')).href)) as PageModule;
});

describe('the page URL', () => {
  const now = Date.UTC(2026, 11, 3, 12);

  it('reads a relative range from now, and a custom one as given; round-trips through locationOf', () => {
    const rel = page.parseLocation('/models/credit%20risk', '?range=1h&feature=income&version=3', now);
    expect(rel).toEqual({ model: 'credit risk', range: { key: '1h', from: now - 3_600_000, to: now }, version: '3', feature: 'income' });
    expect(page.locationOf(rel)).toBe('/models/credit%20risk?range=1h&version=3&feature=income');
    const custom = page.parseLocation('/models/m', '?from=2026-12-01T00:00:00.000Z&to=2026-12-02T00:00:00.000Z', now);
    expect(custom.range).toEqual({ key: 'custom', from: Date.UTC(2026, 11, 1), to: Date.UTC(2026, 11, 2) });
    expect(page.parseLocation(new URL(page.locationOf(custom), 'http://x').pathname, new URL(page.locationOf(custom), 'http://x').search, now)).toEqual(custom);
  });

  it('falls back to the last day on an unknown or reversed range, and to the overview off /models/', () => {
    expect(page.parseLocation('/', '?range=1y', now)).toMatchObject({ model: null, range: { key: '24h', from: now - 86_400_000, to: now } });
    expect(page.parseLocation('/models/m', '?from=2026-12-02&to=2026-12-01', now).range.key).toBe('24h');
  });
});

describe('histogram pairs', () => {
  it('labels numeric bins by their edges and gives shares of each side', () => {
    const pair = page.numericPair([10, 20], [25, 50, 25], [0, 1, 3]);
    expect(pair).toEqual({ labels: ['< 10', '10 – 20', '≥ 20'], reference: [0.25, 0.5, 0.25], current: [0, 0.25, 0.75], fresh: [false, false, false] });
  });

  it('puts the baseline categories first and flags the new ones', () => {
    const pair = page.categoricalPair({ north: 60, south: 40 }, { north: 10, south: 5, overseas: 5 });
    expect(pair.labels).toEqual(['north', 'south', 'overseas']);
    expect(pair.fresh).toEqual([false, false, true]);
    expect(pair.current).toEqual([0.5, 0.25, 0.25]);
  });

  it('sums the smallest categories past the limit into one bar, keeping the shares whole', () => {
    const ref = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`c${i}`, 100 - i]));
    const pair = page.categoricalPair(ref, ref);
    expect(pair.labels).toHaveLength(page.MAX_CATEGORIES);
    expect(pair.labels.at(-1)).toBe(page.OTHER_CATEGORY);
    expect(pair.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('drift score', () => {
  it('is 1 at the threshold for distances and p-values alike, above 1 when drifted', () => {
    expect(page.driftScore('wasserstein', 0.2, 0.1)).toBeCloseTo(2, 12);
    expect(page.driftScore('ks', 0.05, 0.05)).toBeCloseTo(1, 12);
    expect(page.driftScore('ks', 0.0025, 0.05)).toBeCloseTo(2, 12);
    expect(page.driftScore('chiSquare', 0.5, 0.05)).toBeLessThan(1);
    expect(page.driftScore('psi', null, 0.1)).toBeNull();
  });
});
