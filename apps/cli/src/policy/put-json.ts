import { ApiRejectedError, ApiUnavailableError } from '../api-client/api-client';

/**
 * PUT with the error semantics of ApiClient (unreachable or 5xx: ApiUnavailableError; 4xx:
 * ApiRejectedError with the API's message). ApiClient has no `put` yet; this goes once it does.
 */
export async function putJson<T>(baseUrl: string, path: string, body: unknown, timeoutMs = 30_000): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}${path}`, {
      method: 'PUT',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
    throw new ApiUnavailableError(`cannot reach the Driftwatch API at ${baseUrl} (${reason}); start it with \`npm start\`, or pass --api URL / set DRIFTWATCH_API`);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const message = (parsed as { message?: unknown } | undefined)?.message;
  if (res.ok && parsed !== undefined) return parsed as T;
  if (res.ok || res.status >= 500) throw new ApiUnavailableError(`the Driftwatch API at ${baseUrl} failed: ${typeof message === 'string' ? message : `${res.status} ${res.statusText}`}`);
  throw new ApiRejectedError(res.status, typeof message === 'string' ? message : `${res.status} ${res.statusText}`);
}
