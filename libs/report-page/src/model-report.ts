import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { pageAssetsDir } from './page-assets';

/** What `driftwatch report` asks for: one model over [from, to), one version (default: the latest). */
export interface ModelReportRequest {
  model: string;
  from: number;
  to: number;
  version?: string;
}

/** GETs a path of the JSON API (`/api/...`) and resolves to the parsed answer. */
export type GetJson = (apiPath: string) => Promise<unknown>;

interface PageModule {
  loadModel(getJson: GetJson, request: { model: string; from: number; to: number; version: string | null }): Promise<{ view: 'model' } & Record<string, unknown>>;
}

// A native import(): TypeScript's CommonJS output turns import() into require(), which loads an
// ES module only with an experimental warning on Node 20. Under vitest (a VM context without an
// import callback) the native one is refused; the transformed import() works there.
const nativeImport = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

async function importModule(url: string): Promise<unknown> {
  try {
    return await nativeImport(url);
  } catch (err) {
    if (err instanceof TypeError && /dynamic import callback/.test(err.message)) return import(url);
    throw err;
  }
}

/**
 * The data of a model's page, read through `getJson` by the page's own loader (page.mjs's
 * loadModel), so a report file shows what the served page shows for the same model and range.
 */
export async function collectModelReport(getJson: GetJson, request: ModelReportRequest): Promise<{ view: 'model' } & Record<string, unknown>> {
  const page = (await importModule(pathToFileURL(path.join(pageAssetsDir(), 'page.mjs')).href)) as PageModule;
  return page.loadModel(getJson, { model: request.model, from: request.from, to: request.to, version: request.version ?? null });
}
