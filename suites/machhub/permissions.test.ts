import { expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import type { RuleContext } from '../harness/conformance.ts';
import {
  FEATURES,
  SCOPES,
  actionsOf,
  actionsWith,
  createGroupWith,
  createPlainUser,
  expectRefused,
  getAs,
  http,
  joinGroup,
  rule,
  spec,
  startFromSeed,
  tokenOf,
  userWithGrants,
  type MachhubRole,
} from './suite.ts';

startFromSeed();

const ALWAYS_200 = seed('The endpoint always returns 200 OK; inspect actions to decide what the caller may do.');
const SCOPE_ORDER = realClients('Scopes ordered `nil < self < domain < all`; a higher granted scope satisfies a lower asked one.');

/** A user whose only group is granted `feature:action@scope`, made through the API for this rule. */
async function grantedToken(t: RuleContext, label: string, feature: string, action: string, scope: string): Promise<string> {
  return (await userWithGrants(t, label, [{ feature, action, scope }])).token;
}

rule(
  'MH-PERM-001',
  'A superuser holds read and read-write on every feature at every scope',
  realClients('Members of group `superuser` pass every check.'),
  async (t) => {
    for (const feature of FEATURES) {
      for (const scope of SCOPES) {
        expect(await actionsOf(t, 'admin', feature, scope)).toEqual(expect.arrayContaining(['read', 'read-write']));
      }
    }
  },
);

rule(
  'MH-PERM-002',
  "A superuser's actions include a custom verb once a group of the domain is granted it",
  seed('Actions are the domain’s configured verbs — built-ins such as read and read-write, plus any custom actions (e.g. export).'),
  async (t) => {
    await createGroupWith(t, 'mh-perm-002-g', [{ feature: 'dashboard', action: 'export', scope: 'domain' }]);
    expect(await actionsOf(t, 'admin', 'dashboard', 'all')).toContain('export');
  },
);

rule(
  'MH-PERM-003',
  'A read-write grant also answers read',
  realClients('Actions `read`, `read-write` (implies read), plus custom verbs.'),
  async (t) => {
    const token = await grantedToken(t, 'mh-perm-003', 'collections', 'read-write', 'domain');
    expect(await actionsWith(token, 'collections', 'domain')).toEqual(expect.arrayContaining(['read', 'read-write']));
  },
);

rule('MH-PERM-004', 'A grant at scope domain answers the lower scopes self and nil', SCOPE_ORDER, async (t) => {
  const token = await grantedToken(t, 'mh-perm-004', 'collections', 'read-write', 'domain');
  for (const scope of ['self', 'nil']) expect(await actionsWith(token, 'collections', scope)).toContain('read-write');
});

rule('MH-PERM-005', 'A grant at scope domain does not answer the higher scope all: []', SCOPE_ORDER, async (t) => {
  const token = await grantedToken(t, 'mh-perm-005', 'collections', 'read-write', 'domain');
  expect(await actionsWith(token, 'collections', 'all')).toEqual([]);
});

rule('MH-PERM-006', 'A grant at scope self answers self but not domain', SCOPE_ORDER, async (t) => {
  const token = await grantedToken(t, 'mh-perm-006', 'users', 'read', 'self');
  expect(await actionsWith(token, 'users', 'self')).toEqual(['read']);
  expect(await actionsWith(token, 'users', 'domain')).toEqual([]);
});

rule('MH-PERM-007', 'A grant at scope all answers every scope down to nil', SCOPE_ORDER, async (t) => {
  const token = await grantedToken(t, 'mh-perm-007', 'flows', 'read', 'all');
  for (const scope of SCOPES) expect(await actionsWith(token, 'flows', scope)).toEqual(['read']);
});

rule(
  'MH-PERM-008',
  'A custom action granted to a group is reported like a built-in one',
  seed('plus any custom actions (e.g. export)'),
  async (t) => {
    const token = await grantedToken(t, 'mh-perm-008', 'dashboard', 'export', 'domain');
    expect(await actionsWith(token, 'dashboard', 'domain')).toEqual(['export']);
  },
);

rule(
  'MH-PERM-009',
  'A user in no group gets 200 with actions [] for every feature and scope',
  seed('actions is an array of the granted action verbs (an empty array [] means no access).'),
  async (t) => {
    const token = await tokenOf(t, 'nogrants');
    for (const feature of FEATURES) {
      for (const scope of SCOPES) expect(await actionsWith(token, feature, scope)).toEqual([]);
    }
  },
);

rule('MH-PERM-010', 'Any authenticated caller gets 200, whatever it asks and whatever it holds', ALWAYS_200, async (t) => {
  for (const role of ['admin', 'operator', 'nogrants'] as MachhubRole[]) {
    const token = await tokenOf(t, role);
    for (const feature of [...FEATURES, 'a-custom-feature']) {
      const response = await http.get(`/auth/permission/action/feature/${feature}/scope/all`, { headers: bearer(token) });
      expectStatus(response, 200);
      spec.expectMatches('getPermittedActions', response);
    }
  }
});

rule(
  'MH-PERM-011',
  'The permission endpoint refuses a caller without a credential: 401 or 403',
  seed('Every authenticated request carries one of two credentials: a JWT obtained by logging in, or an API key.'),
  async () => {
    const response = await http.get('/auth/permission/action/feature/users/scope/all');
    expectRefused(response);
    spec.expectMatches('getPermittedActions', response);
  },
);

rule(
  'MH-PERM-012',
  'The /machhub/auth prefix answers the same question the same way',
  realClients('`GET /machhub/auth/permission/action/feature/{f}/scope/{s}` -> `{actions}`'),
  async (t) => {
    for (const [feature, scope] of [['collections', 'domain'], ['users', 'domain'], ['dashboard', 'self']] as const) {
      const direct = await actionsOf(t, 'operator', feature, scope);
      expect(await actionsOf(t, 'operator', feature, scope, '/machhub/auth')).toEqual(direct);
    }
  },
);

rule(
  'MH-PERM-013',
  "The SDK's older path without /scope answers 200 {actions} like the lowest scope, nil",
  inferred('the SDK retries on the older path only when the scoped call fails, so a server need not serve it; when it does, no scope asked is the lowest one'),
  async (t) => {
    for (const feature of ['collections', 'users', 'groups']) {
      const legacy = await getAs(t, 'operator', `/machhub/auth/permission/action/feature/${feature}`);
      expectStatus(legacy, 200);
      spec.expectMatches('getPermittedActionsLegacy', legacy);
      expect(legacy.json<{ actions: string[] }>().actions).toEqual(await actionsOf(t, 'operator', feature, 'nil'));
    }
  },
);

rule(
  'MH-PERM-014',
  'permission/check answers {permission: true} for a held action and false otherwise, on both prefixes',
  realClients('`GET /machhub/auth/permission/check/feature/{f}/scope/{s}/action/{a}` -> `{permission: boolean}`'),
  async (t) => {
    const token = await grantedToken(t, 'mh-perm-014', 'collections', 'read-write', 'domain');
    const check = async (prefix: string, scope: string, action: string) => {
      const response = await http.get(`${prefix}/permission/check/feature/collections/scope/${scope}/action/${action}`, { headers: bearer(token) });
      expectStatus(response, 200);
      spec.expectMatches(prefix === '/auth' ? 'checkPermission' : 'checkPermissionDataPlane', response);
      return response.json<{ permission: boolean }>().permission;
    };
    for (const prefix of ['/auth', '/machhub/auth']) {
      expect(await check(prefix, 'domain', 'read-write')).toBe(true);
      expect(await check(prefix, 'all', 'read-write')).toBe(false);
      expect(await check(prefix, 'domain', 'export')).toBe(false);
    }
  },
);

rule(
  'MH-PERM-015',
  'A scope outside nil, self, domain, all still answers 200 with an actions array',
  ALWAYS_200,
  async (t) => {
    const response = await getAs(t, 'operator', '/auth/permission/action/feature/users/scope/galaxy');
    expectStatus(response, 200);
    spec.expectMatches('getPermittedActions', response);
    expect(Array.isArray(response.json<{ actions?: unknown }>().actions)).toBe(true);
  },
);

rule(
  'MH-PERM-016',
  'A grant added through the API (POST /machhub/auth/permission: 2xx) takes effect for the members of its group',
  realClients('Permission model: a group is granted (feature, action, scope).'),
  async (t) => {
    const groupId = await createGroupWith(t, 'mh-perm-016-g', []);
    const grant = await http.post('/machhub/auth/permission', {
      headers: bearer(await tokenOf(t, 'admin')),
      json: { group: groupId, feature: 'reports', action: 'export', scope: 'domain' },
    });
    expectStatus(grant, 200, 201);
    spec.expectMatches('createPermission', grant);
    const user = await createPlainUser(t, 'mh-perm-016-u');
    await joinGroup(t, user, groupId);
    expect(await actionsWith(user.token, 'reports', 'self')).toEqual(['export']);
  },
);
