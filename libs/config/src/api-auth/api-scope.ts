/**
 * Scopes of API tokens, lowest first. A higher scope includes the lower ones: `admin` may do
 * everything `write` may, `write` everything `read` may.
 * - `read`: every GET of /api (models, windows, drift, performance, baselines, policies, incidents);
 * - `write`: baselines, policies and the other mutations of model data;
 * - `admin`: webhook destinations (reading them too: they name where incidents go) and
 *   anything about tokens.
 */
export const API_SCOPES = ['read', 'write', 'admin'] as const;

export type ApiScope = (typeof API_SCOPES)[number];

/**
 * What a route declares: a scope a token must hold, `public` (health: never behind a token),
 * or `metrics` (`read` when DRIFTWATCH_METRICS_AUTH is on, public otherwise).
 */
export type RouteAccess = ApiScope | 'public' | 'metrics';

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** Whether a token of scope `granted` may use a route needing `required`. */
export function scopeAllows(granted: ApiScope, required: ApiScope): boolean {
  return API_SCOPES.indexOf(granted) >= API_SCOPES.indexOf(required);
}

/** The scope a route of `access` needs, or null when it is open to anyone. */
export function requiredScope(access: RouteAccess, metricsAuth: boolean): ApiScope | null {
  if (access === 'public') return null;
  if (access === 'metrics') return metricsAuth ? 'read' : null;
  return access;
}
