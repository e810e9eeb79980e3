/** Exit code of a command that could not get an answer from the Driftwatch API. */
export const EXIT_API_UNAVAILABLE = 3;

export const DEFAULT_API_URL = 'http://127.0.0.1:8080';

/** The API could not be reached, or failed on its side (5xx): exit code 3. */
export class ApiUnavailableError extends Error {
  override readonly name = 'ApiUnavailableError';
}

/** The API refused the request (4xx); `message` is the API's own, naming the problem: exit code 2. */
export class ApiRejectedError extends Error {
  override readonly name = 'ApiRejectedError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A malformed --api / DRIFTWATCH_API value. */
export class ApiUrlError extends Error {
  override readonly name = 'ApiUrlError';
}

/** A malformed --token / DRIFTWATCH_TOKEN value (the value itself is never shown). */
export class ApiTokenError extends Error {
  override readonly name = 'ApiTokenError';
}

/**
 * `--token`, else `DRIFTWATCH_TOKEN`, else none (an API without DRIFTWATCH_API_TOKENS needs
 * none). Checked to be one bearer token, so it can go into a header as is.
 */
export function resolveApiToken(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = option ?? (env.DRIFTWATCH_TOKEN?.trim() || undefined);
  if (value === undefined) return undefined;
  const from = option !== undefined ? '--token' : 'DRIFTWATCH_TOKEN';
  if (!/^[\x21-\x7e]+$/.test(value)) throw new ApiTokenError(`${from} must be one token of visible ASCII characters, without spaces`);
  return value;
}

/** `--api`, else `DRIFTWATCH_API`, else http://127.0.0.1:8080, checked to be an http(s) URL. */
export function resolveApiUrl(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const value = option ?? (env.DRIFTWATCH_API || undefined) ?? DEFAULT_API_URL;
  const from = option !== undefined ? '--api' : env.DRIFTWATCH_API ? 'DRIFTWATCH_API' : 'the default';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApiUrlError(`${from} must be an http:// or https:// URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiUrlError(`${from} must be an http:// or https:// URL, got ${JSON.stringify(value)}`);
  }
  return url.toString().replace(/\/+$/, '');
}

/** JSON over HTTP to a running Driftwatch (`npm start`, or the api service). */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 120_000,
    /** Sent as `Authorization: Bearer`; never part of a message. */
    private readonly token?: string,
    /** The scope the caller's routes need, named when a token is missing or refused (401). */
    private readonly scope?: string,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.baseUrl}${path}`;
    let res: Response;
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
      res = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ApiUnavailableError(
        `cannot reach the Driftwatch API at ${this.baseUrl} (${networkReason(error)}); start it with \`npm start\`, or pass --api URL / set DRIFTWATCH_API`,
      );
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (res.ok) {
      if (parsed === undefined) throw new ApiUnavailableError(`${method} ${url} answered ${res.status} without a JSON body: is ${this.baseUrl} a Driftwatch API?`);
      return parsed as T;
    }
    const message = errorMessage(parsed) ?? `${res.status} ${res.statusText}`;
    if (res.status >= 500) throw new ApiUnavailableError(`the Driftwatch API at ${this.baseUrl} failed: ${message}`);
    if (res.status === 404 && errorMessage(parsed)?.startsWith('Cannot ')) {
      throw new ApiUnavailableError(`${this.baseUrl} has no ${method} ${path}: is it a Driftwatch API of this version?`);
    }
    if (res.status === 401) {
      const of = this.scope === undefined ? '' : ` of scope ${this.scope}`;
      const hint =
        this.token === undefined
          ? `this API needs a token${of}: pass --token or set DRIFTWATCH_TOKEN`
          : `the token of --token / DRIFTWATCH_TOKEN is not accepted${this.scope === undefined ? '' : `; pass one${of}`}`;
      throw new ApiRejectedError(401, `${message} (${hint})`);
    }
    if (res.status === 403) throw new ApiRejectedError(403, `${message} (pass a token of that scope with --token or DRIFTWATCH_TOKEN)`);
    throw new ApiRejectedError(res.status, message);
  }
}

function errorMessage(body: unknown): string | undefined {
  if (body !== null && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  return undefined;
}

function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
