import { describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_POLICY, resolveIncidentPolicy } from './incident-policy';

describe('resolveIncidentPolicy', () => {
  it('uses the defaults of the issue (open after 1, resolve after 3) when the evaluation has no policy', () => {
    expect(resolveIncidentPolicy(undefined)).toEqual({ policy: { openAfter: 1, resolveAfter: 3, cooldownSeconds: 3600 }, problems: [] });
  });

  it('takes the valid fields of an override and names the ones it ignores', () => {
    const { policy, problems } = resolveIncidentPolicy({ openAfter: 2, resolveAfter: 0, cooldownSeconds: 1.5 }, DEFAULT_INCIDENT_POLICY);
    expect(policy).toEqual({ openAfter: 2, resolveAfter: 3, cooldownSeconds: 3600 });
    expect(problems).toEqual([
      'policy.resolveAfter: expected an integer in [1, 10000], got 0',
      'policy.cooldownSeconds: expected an integer in [0, 31536000], got 1.5',
    ]);
    expect(resolveIncidentPolicy('often').problems).toEqual(['policy: expected an object']);
  });
});
