import { readFileSync } from 'node:fs';
import type { EnvReader } from '../env-reader';
import { Secret } from '../secret';
import { API_SCOPES, isApiScope, type ApiScope } from './api-scope';

export interface ApiToken {
  readonly scope: ApiScope;
  readonly token: Secret;
}

/**
 * Who may use the HTTP API (section `apiAuth`). Variables: DRIFTWATCH_API_TOKENS or
 * DRIFTWATCH_API_TOKENS_FILE, DRIFTWATCH_METRICS_AUTH.
 */
export interface ApiAuthConfig {
  /** Empty: authentication is off, which only a loopback HTTP_HOST allows (see checkHttpBinding). */
  readonly tokens: readonly ApiToken[];
  /** `/metrics` needs a `read` token (else it is open like the health routes). */
  readonly metricsAuth: boolean;
}

/** Shorter tokens are refused: a guessable token is no control. */
export const MIN_TOKEN_LENGTH = 16;
// RFC 6750's b64token: what an `Authorization: Bearer` header can carry as is.
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

export function readApiAuthConfig(r: EnvReader): ApiAuthConfig {
  const inline = r.raw('DRIFTWATCH_API_TOKENS');
  const file = r.raw('DRIFTWATCH_API_TOKENS_FILE');
  let tokens: ApiToken[] = [];
  if (inline !== undefined && file !== undefined) {
    r.problem('DRIFTWATCH_API_TOKENS', 'set either DRIFTWATCH_API_TOKENS or DRIFTWATCH_API_TOKENS_FILE, not both');
  } else if (inline !== undefined) {
    tokens = collect(r, 'DRIFTWATCH_API_TOKENS', parseApiTokens(inline.split(','), 'entry'));
  } else if (file !== undefined) {
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      r.problem('DRIFTWATCH_API_TOKENS_FILE', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    if (text !== undefined) {
      const lines = text.split(/\r?\n/).map((line) => (line.trim().startsWith('#') ? '' : line));
      tokens = collect(r, `DRIFTWATCH_API_TOKENS_FILE (${file})`, parseApiTokens(lines, 'line'));
      if (tokens.length === 0 && !r.problems.some((p) => p.startsWith('DRIFTWATCH_API_TOKENS_FILE'))) {
        r.problem('DRIFTWATCH_API_TOKENS_FILE', `${file} holds no token: add lines of scope:token`);
      }
    }
  }
  const metricsAuth = r.flag('DRIFTWATCH_METRICS_AUTH', false);
  if (metricsAuth && tokens.length === 0 && inline === undefined && file === undefined) {
    r.problem('DRIFTWATCH_METRICS_AUTH', 'is on but no token is configured: set DRIFTWATCH_API_TOKENS or DRIFTWATCH_API_TOKENS_FILE');
  }
  return { tokens, metricsAuth };
}

export interface ParsedTokens {
  tokens: ApiToken[];
  problems: string[];
}

/**
 * `scope:token` entries (blank ones skipped). Problems name the entry by its 1-based position
 * (`unit` 2) and never contain any part of the entry: a mistyped line may be a whole token.
 */
export function parseApiTokens(entries: readonly string[], unit: 'entry' | 'line'): ParsedTokens {
  const tokens: ApiToken[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  entries.forEach((raw, index) => {
    const entry = raw.trim();
    if (entry === '') return;
    const where = `${unit} ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) return void problems.push(`${where}: expected scope:token (scope ${API_SCOPES.join(', ')})`);
    const scope = entry.slice(0, colon).trim();
    const token = entry.slice(colon + 1).trim();
    if (!isApiScope(scope)) return void problems.push(`${where}: unknown scope, expected one of ${API_SCOPES.join(', ')} before the colon`);
    if (token.length < MIN_TOKEN_LENGTH) return void problems.push(`${where}: the token is shorter than ${MIN_TOKEN_LENGTH} characters`);
    if (!BEARER_TOKEN.test(token)) {
      return void problems.push(`${where}: the token may hold only letters, digits and - . _ ~ + / (then = padding), as a bearer token can`);
    }
    const first = seen.get(token);
    if (first !== undefined) return void problems.push(`${where}: repeats the token of ${unit} ${first}`);
    seen.set(token, index + 1);
    tokens.push({ scope, token: new Secret(token) });
  });
  return { tokens, problems };
}

function collect(r: EnvReader, variable: string, parsed: ParsedTokens): ApiToken[] {
  for (const p of parsed.problems) r.problem(variable, p);
  return parsed.tokens;
}

/** docker-compose.yml ships CHANGE-ME placeholders so it starts at all; services warn while one is in use. */
export function holdsPlaceholderToken(auth: ApiAuthConfig): boolean {
  return auth.tokens.some((t) => /change-?me/i.test(t.token.reveal()));
}
