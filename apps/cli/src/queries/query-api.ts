import { ApiClient, ApiUnavailableError, resolveApiToken, resolveApiUrl } from '../api-client/api-client';
import { CliError } from '../cli-error';
import type { ModelVersionView, ModelView } from './query-views';

/** The --api / --token options every query takes. */
export interface ApiOptions {
  api?: string;
  token?: string;
}

type Params = Record<string, string | number | undefined>;

/** A model the API does not know (no events, no baseline): exit code 2, naming it. */
export class UnknownModelError extends CliError {}

/**
 * The read side of the API the queries call. Every route they use needs the `read` scope, which
 * a refused request (401) names; a 403 names the scopes itself. Lists are followed page by page
 * (`nextCursor` → `cursor`).
 */
export class QueryApi {
  constructor(private readonly client: ApiClient) {}

  static from(options: ApiOptions): QueryApi {
    return new QueryApi(new ApiClient(resolveApiUrl(options.api), undefined, resolveApiToken(options.token), 'read'));
  }

  get baseUrl(): string {
    return this.client.baseUrl;
  }

  async get<T>(path: string, params: Params = {}): Promise<T> {
    const query = Object.entries(params)
      .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&');
    return this.client.get<T>(query === '' ? path : `${path}?${query}`);
  }

  /**
   * The items of every page of a list, the first page's answer (its other fields), and whether
   * `max` items cut the list short.
   */
  async pages<A extends { nextCursor: string | null }, T>(
    path: string,
    params: Params,
    items: (answer: A) => T[],
    max = Number.POSITIVE_INFINITY,
  ): Promise<{ first: A; items: T[]; more: boolean }> {
    const first = await this.get<A>(path, params);
    const all = [...items(first)];
    let cursor = first.nextCursor;
    const seen = new Set<string>();
    while (cursor !== null && cursor !== undefined && all.length < max) {
      // A server answering the same cursor again would loop for ever.
      if (seen.has(cursor)) throw new ApiUnavailableError(`${this.baseUrl}${path} answered the cursor ${JSON.stringify(cursor)} twice: is it a Driftwatch API of this version?`);
      seen.add(cursor);
      const page = await this.get<A>(path, { ...params, cursor });
      all.push(...items(page));
      cursor = page.nextCursor;
    }
    return { first, items: all.slice(0, max), more: all.length > max || (cursor !== null && cursor !== undefined) };
  }

  /** Every model the API knows (seen in events or given a baseline). */
  async models(): Promise<ModelView[]> {
    return (await this.pages<{ models: ModelView[]; nextCursor: string | null }, ModelView>('/api/models', {}, (a) => a.models)).items;
  }

  /** The model, or an UnknownModelError naming it and some the API does know. */
  async model(modelId: string): Promise<ModelView> {
    const models = await this.models();
    const found = models.find((m) => m.modelId === modelId);
    if (found) return found;
    throw new UnknownModelError(unknownModelMessage(modelId, models, this.baseUrl));
  }

  /** Throws UnknownModelError unless the API knows the model (asked only when a list came back empty). */
  async checkModel(modelId: string): Promise<void> {
    await this.model(modelId);
  }
}

export function unknownModelMessage(modelId: string, models: readonly ModelView[], baseUrl: string): string {
  const names = models.map((m) => m.modelId);
  const known =
    names.length === 0
      ? 'it knows no model yet'
      : `it knows ${names
          .slice(0, 5)
          .map((n) => JSON.stringify(n))
          .join(', ')}${names.length > 5 ? ` and ${names.length - 5} more (driftwatch status lists them)` : ''}`;
  return `unknown model ${JSON.stringify(modelId)}: the API at ${baseUrl} has no events or baseline of it; ${known}`;
}

export function unknownVersionMessage(modelId: string, version: string, versions: readonly ModelVersionView[]): string {
  const has = versions.length === 0 ? 'it has none with windows' : `it has ${versions
        .map((v) => JSON.stringify(v.modelVersion))
        .sort()
        .join(', ')}`;
  return `model ${JSON.stringify(modelId)} has no version ${JSON.stringify(version)}; ${has}`;
}
