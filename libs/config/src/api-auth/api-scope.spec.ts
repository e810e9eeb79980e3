import { describe, expect, it } from 'vitest';
import { API_SCOPES, requiredScope, scopeAllows } from './api-scope';

describe('scopeAllows', () => {
  it('lets a higher scope do what a lower one may, never the reverse', () => {
    const allowed = API_SCOPES.flatMap((granted) => API_SCOPES.filter((required) => scopeAllows(granted, required)).map((required) => `${granted}>${required}`));
    expect(allowed.sort()).toEqual(['admin>admin', 'admin>read', 'admin>write', 'read>read', 'write>read', 'write>write']);
  });
});

describe('requiredScope', () => {
  it('opens public routes always and metrics unless metrics auth is on', () => {
    expect(requiredScope('public', true)).toBeNull();
    expect(requiredScope('metrics', false)).toBeNull();
    expect(requiredScope('metrics', true)).toBe('read');
    expect(requiredScope('write', false)).toBe('write');
  });
});
