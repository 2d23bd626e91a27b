import { expect } from 'vitest';
import { expectJson, expectStatus, expectText } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import { FEATURES, SCOPES, actionsOf, getAs, http, rule, spec, startFromSeed, tokenOf, type MachhubRole } from './suite.ts';

startFromSeed();

const ALWAYS_200 = seed('The endpoint always returns 200 OK; inspect actions to decide what the caller may do.');
const SCOPE_ORDER = realClients('Scopes ordered `nil < self < domain < all`; a higher granted scope satisfies a lower asked one.');

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
  "A superuser's actions include custom verbs such as export",
  seed('Actions are the domain’s configured verbs — built-ins such as read and read-write, plus any custom actions (e.g. export).'),
  async (t) => {
    expect(await actionsOf(t, 'admin', 'dashboard', 'all')).toContain('export');
  },
);

rule(
  'MH-PERM-003',
  'A read-write grant also answers read',
  realClients('Actions `read`, `read-write` (implies read), plus custom verbs.'),
  async (t) => {
    expect(await actionsOf(t, 'operator', 'collections', 'domain')).toEqual(expect.arrayContaining(['read', 'read-write']));
  },
);

rule('MH-PERM-004', 'A grant at scope domain answers the lower scopes self and nil', SCOPE_ORDER, async (t) => {
  for (const scope of ['self', 'nil']) {
    expect(await actionsOf(t, 'operator', 'collections', scope)).toEqual(expect.arrayContaining(['read', 'read-write']));
  }
});

rule('MH-PERM-005', 'A grant at scope domain does not answer the higher scope all: []', SCOPE_ORDER, async (t) => {
  expect(await actionsOf(t, 'operator', 'collections', 'all')).toEqual([]);
});

rule('MH-PERM-006', 'A grant at scope self answers self but not domain', SCOPE_ORDER, async (t) => {
  expect(await actionsOf(t, 'operator', 'users', 'self')).toEqual(['read']);
  expect(await actionsOf(t, 'operator', 'users', 'domain')).toEqual([]);
});

rule('MH-PERM-007', 'A grant at scope all answers every scope down to nil', SCOPE_ORDER, async (t) => {
  for (const scope of SCOPES) expect(await actionsOf(t, 'operator', 'flows', scope)).toEqual(['read']);
});

rule(
  'MH-PERM-008',
  'A custom action granted to a group is reported like a built-in one',
  seed('plus any custom actions (e.g. export)'),
  async (t) => {
    expect(await actionsOf(t, 'operator', 'dashboard', 'domain')).toEqual(['export']);
  },
);

rule(
  'MH-PERM-009',
  'A user in no group gets 200 with [] for every feature and scope',
  seed('actions is an array of the granted action verbs (an empty array [] means no access).'),
  async (t) => {
    const token = await tokenOf(t, 'nogrants');
    for (const feature of FEATURES) {
      for (const scope of SCOPES) {
        expectJson(await http.get(`/auth/permission/action/feature/${feature}/scope/${scope}`, { headers: bearer(token) }), 200, { actions: [] });
      }
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
  'The permission endpoint answers 401 without a credential',
  seed('Every authenticated request carries one of two credentials: a JWT obtained by logging in, or an API key.'),
  async () => {
    const response = await http.get('/auth/permission/action/feature/users/scope/all');
    expectText(response, 401);
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
  "The SDK's older path without /scope answers like the lowest scope, nil",
  realClients('If a permission call fails, the SDK retries once on the older path without `/scope/...`.'),
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
  'permission/check answers {permission: true} for a held action and false otherwise',
  realClients('`GET /machhub/auth/permission/check/feature/{f}/scope/{s}/action/{a}` -> `{permission: boolean}`'),
  async (t) => {
    const check = async (prefix: string, scope: string, action: string) => {
      const response = await getAs(t, 'operator', `${prefix}/permission/check/feature/collections/scope/${scope}/action/${action}`);
      expectStatus(response, 200);
      spec.expectMatches(prefix === '/auth' ? 'checkPermission' : 'checkPermissionDataPlane', response);
      return response.json<{ permission: boolean }>().permission;
    };
    for (const prefix of ['/auth', '/machhub/auth']) {
      expect(await check(prefix, 'domain', 'read')).toBe(true);
      expect(await check(prefix, 'domain', 'read-write')).toBe(true);
      expect(await check(prefix, 'all', 'read')).toBe(false);
      expect(await check(prefix, 'domain', 'export')).toBe(false);
    }
  },
);

rule(
  'MH-PERM-015',
  'A scope outside nil, self, domain, all answers 400',
  inferred('the scope set is closed (nil < self < domain < all); an unknown one is a malformed question, not a "no"'),
  async (t) => {
    const response = await getAs(t, 'operator', '/auth/permission/action/feature/users/scope/galaxy');
    expectText(response, 400);
    spec.expectMatches('getPermittedActions', response);
  },
);

rule(
  'MH-PERM-016',
  'A grant added through the API takes effect for the members of its group',
  realClients('Permission model: a group is granted (feature, action, scope).'),
  async (t) => {
    await t.requireMutation();
    const admin = bearer(await tokenOf(t, 'admin'));
    const group = `exporters-${Date.now()}`;
    expectStatus(await http.post('/machhub/auth/group', { headers: admin, json: { name: group } }), 201);
    const grant = await http.post('/machhub/auth/permission', { headers: admin, json: { group, feature: 'reports', action: 'export', scope: 'domain' } });
    expectStatus(grant, 201);
    spec.expectMatches('createPermission', grant);
    const user = await http.post('/machhub/auth/user', { headers: admin, json: { username: `exporter-${Date.now()}`, password: 'exporter-pass-1', groups: [group] } });
    expectStatus(user, 201);
    const { username } = user.json<{ username: string }>();
    const login = await http.post('/auth/login', { json: { username, password: 'exporter-pass-1' } });
    const token = login.json<{ tkn: string }>().tkn;
    const asked = await http.get('/auth/permission/action/feature/reports/scope/self', { headers: bearer(token) });
    expectJson(asked, 200, { actions: ['export'] });
  },
);
