import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The page's static files, by the name they are served under (`/page/<name>`). */
export const PAGE_ASSETS = Object.freeze({
  'page.mjs': 'text/javascript; charset=utf-8',
  'page.css': 'text/css; charset=utf-8',
  'chart.umd.min.js': 'text/javascript; charset=utf-8',
} as const);

export type PageAssetName = keyof typeof PAGE_ASSETS;

const ASSETS_FROM_ROOT = path.join('libs', 'report-page', 'assets');

/**
 * The folder holding page.html, page.mjs and page.css. They are not compiled, so they stay in
 * the sources: found by walking up from this file, which is libs/report-page/src in tests and
 * dist/<project>/libs/report-page/src once built (the image keeps the sources beside dist).
 */
export function pageAssetsDir(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, ASSETS_FROM_ROOT);
    if (existsSync(path.join(candidate, 'page.mjs'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`report page: ${ASSETS_FROM_ROOT} not found above ${from} (the page's static files ship with the sources)`);
  }
}

/** Chart.js's UMD build, served and inlined as it is published (no CDN: the page works offline). */
export function chartLibraryPath(): string {
  // The package exports no subpaths but its entries: its dist folder is beside the CommonJS entry.
  return path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
}

const cache = new Map<string, string>();

/** A static file's text, read once. */
export function readPageFile(name: PageAssetName | 'page.html'): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(name === 'chart.umd.min.js' ? chartLibraryPath() : path.join(pageAssetsDir(), name), 'utf8');
    cache.set(name, text);
  }
  return text;
}

export function isPageAsset(name: string): name is PageAssetName {
  return Object.hasOwn(PAGE_ASSETS, name);
}
