import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiScope } from './api-scope';
import type { ApiToken } from './api-auth-config';

/**
 * The scope of the configured token equal to `presented`, or undefined. Both sides are hashed
 * to 32 bytes before `timingSafeEqual`, so neither the content nor the length of a configured
 * token shows in the time taken; every token is compared (no early exit), so neither does its
 * position in the list.
 */
export function matchToken(presented: string, tokens: readonly ApiToken[]): ApiScope | undefined {
  const digest = sha256(presented);
  let found: ApiScope | undefined;
  for (const t of tokens) {
    if (timingSafeEqual(digest, sha256(t.token.reveal())) && found === undefined) found = t.scope;
  }
  return found;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
