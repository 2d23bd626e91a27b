import { describe, expect, it } from 'vitest';
import { grantedActions, isAllowed, scopeCovers, type Asker } from '../../mock-server/apis/machhub/permissions.ts';

const operator: Asker = {
  groups: ['operators'],
  grants: [
    { feature: 'collections', action: 'read-write', scope: 'domain' },
    { feature: 'dashboard', action: 'export', scope: 'self' },
  ],
};

describe('MACHHUB permission model', () => {
  it('orders scopes nil < self < domain < all', () => {
    expect(scopeCovers('all', 'nil')).toBe(true);
    expect(scopeCovers('domain', 'self')).toBe(true);
    expect(scopeCovers('self', 'domain')).toBe(false);
    expect(scopeCovers('nil', 'nil')).toBe(true);
  });

  it('lets read-write answer read, and only at covered scopes', () => {
    expect(grantedActions(operator, 'collections', 'self')).toEqual(['read', 'read-write']);
    expect(grantedActions(operator, 'collections', 'all')).toEqual([]);
    expect(isAllowed(operator, 'collections', 'read', 'domain')).toBe(true);
    expect(isAllowed(operator, 'collections', 'delete', 'domain')).toBe(false);
  });

  it('reports custom verbs as granted', () => {
    expect(grantedActions(operator, 'dashboard', 'nil')).toEqual(['export']);
    expect(grantedActions(operator, 'dashboard', 'domain')).toEqual([]);
  });

  it('passes superusers on everything, custom verbs of the domain included', () => {
    const admin: Asker = { groups: ['superuser'], grants: [{ feature: 'reports', action: 'approve', scope: 'nil' }] };
    const actions = grantedActions(admin, 'anything', 'all');
    expect(actions).toEqual(expect.arrayContaining(['read', 'read-write', 'export', 'approve']));
  });

  it('limits an API key to its features, even for a superuser', () => {
    const key: Asker = { groups: ['superuser'], grants: [], featureLimit: ['dashboard'] };
    expect(grantedActions(key, 'collections', 'nil')).toEqual([]);
    expect(grantedActions(key, 'dashboard', 'all')).toContain('read');
  });
});
