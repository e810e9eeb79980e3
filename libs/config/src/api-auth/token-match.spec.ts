import { describe, expect, it } from 'vitest';
import { Secret } from '../secret';
import type { ApiToken } from './api-auth-config';
import { matchToken } from './token-match';

const tokens: ApiToken[] = [
  { scope: 'read', token: new Secret('read-token-0123456789') },
  { scope: 'admin', token: new Secret('admin-token-0123456789') },
];

describe('matchToken', () => {
  it('gives the scope of the equal token', () => {
    expect(matchToken('read-token-0123456789', tokens)).toBe('read');
    expect(matchToken('admin-token-0123456789', tokens)).toBe('admin');
  });

  it('refuses prefixes, extensions, case changes and the empty string', () => {
    for (const wrong of ['read-token-012345678', 'read-token-01234567890', 'READ-token-0123456789', '', 'admin-token-0123456789 ']) {
      expect(matchToken(wrong, tokens)).toBeUndefined();
    }
  });

  it('matches nothing when no token is configured', () => {
    expect(matchToken('read-token-0123456789', [])).toBeUndefined();
  });
});
