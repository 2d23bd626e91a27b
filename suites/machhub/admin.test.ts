import { expect } from 'vitest';
import { expectStatus, expectText } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { decodeJwt } from '../harness/jwt.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import {
  actionsWith,
  createGroupWith,
  createPlainUser,
  expectNoAccessAnywhere,
  expectRefused,
  getAs,
  http,
  joinGroup,
  loginJson,
  rule,
  spec,
  startFromSeed,
  tokenOf,
  uniqueName,
  userWithGrants,
} from './suite.ts';

startFromSeed();

const USERS = realClients('users (`GET/POST /machhub/auth/user`, `GET /machhub/auth/user/{id}`)');
const NO_ACCESS = seed('actions is an array of the granted action verbs (an empty array [] means no access).');

rule('MH-ADMIN-001', 'A superuser lists the users: 200, a JSON array that names the operator', USERS, async (t) => {
  const response = await getAs(t, 'admin', '/machhub/auth/user');
  expectStatus(response, 200);
  spec.expectMatches('listUsers', response);
  expect(Array.isArray(response.json())).toBe(true);
  expect(response.text).toContain(JSON.stringify(t.account('operator').username));
});

rule(
  'MH-ADMIN-002',
  'A user granted only users:read at scope self reads its own record (200) but not the list (403) or another user (403 or 404)',
  inferred('no document says which grant the user endpoints ask; the scope order (nil < self < domain < all) makes "own record" a self question and the list a domain one'),
  async (t) => {
    const user = await userWithGrants(t, 'mh-admin-002', [{ feature: 'users', action: 'read', scope: 'self' }]);
    const headers = bearer(user.token);
    const own = await http.get(`/machhub/auth/user/${encodeURIComponent(user.userId)}`, { headers });
    expectStatus(own, 200);
    spec.expectMatches('getUser', own);
    expectText(await http.get('/machhub/auth/user', { headers }), 403);
    const adminId = String(decodeJwt(await tokenOf(t, 'admin')).user_id);
    const other = await http.get(`/machhub/auth/user/${encodeURIComponent(adminId)}`, { headers });
    expectStatus(other, 403, 404);
    spec.expectMatches('getUser', other);
  },
);

rule(
  'MH-ADMIN-003',
  'A user added to a group (POST group/{gid}/user/{uid}) gains its grants: [] before, read after',
  realClients('groups (`GET/POST /machhub/auth/group`, `POST /machhub/auth/group/{gid}/user/{uid}`)'),
  async (t) => {
    const user = await createPlainUser(t, 'mh-admin-003-u');
    const before = await actionsWith(user.token, 'collections', 'domain');
    if (before.length > 0) return t.skip('needs-fixture', `a new user already holds collections@domain (${before.join(', ')}): the target puts new users in a group`);
    const groupId = await createGroupWith(t, 'mh-admin-003-g', [{ feature: 'collections', action: 'read', scope: 'domain' }]);
    const joined = await joinGroup(t, user, groupId, false);
    expectStatus(joined, 200, 201, 204);
    spec.expectMatches('addUserToGroup', joined);
    expect(await actionsWith(user.token, 'collections', 'domain')).toContain('read');
  },
);

rule(
  'MH-ADMIN-004',
  'Creating a user whose name is taken is refused (400, 409 or 422) and the existing user still signs in',
  inferred('a user name identifies the account at login; no document states the status of a duplicate'),
  async (t) => {
    await t.requireMutation();
    const admin = bearer(await tokenOf(t, 'admin'));
    const operator = t.account('operator');
    const response = await http.post('/machhub/auth/user', { headers: admin, json: { username: operator.username, password: uniqueName(t, 'Another-pass') } });
    expectStatus(response, 400, 409, 422);
    spec.expectMatches('createUser', response);
    expectStatus(await loginJson(operator.username, operator.password), 200);
  },
);

rule(
  'MH-ADMIN-005',
  'A user the permission endpoint grants nothing cannot create users: 401 or 403, and the user does not exist afterwards',
  NO_ACCESS,
  async (t) => {
    const token = await tokenOf(t, 'nogrants');
    await expectNoAccessAnywhere(t, token);
    const attempted = { username: uniqueName(t, 'never-made'), password: 'never-made-pass-1' };
    const response = await http.post('/machhub/auth/user', { headers: bearer(token), json: attempted });
    expectRefused(response);
    spec.expectMatches('createUser', response);
    expectStatus(await loginJson(attempted.username, attempted.password), 401);
  },
);

// The admin lists the vendor's clients call: each answers 200 with a JSON array.
for (const list of [
  { id: 'MH-ADMIN-006', what: 'groups', path: '/machhub/auth/group', operationId: 'listGroups', source: realClients('groups (`GET/POST /machhub/auth/group`, `POST /machhub/auth/group/{gid}/user/{uid}`)') },
  { id: 'MH-ADMIN-007', what: 'grants', path: '/machhub/auth/permission', operationId: 'listPermissions', source: realClients('permissions (`GET/POST /machhub/auth/permission`)') },
]) {
  rule(list.id, `A superuser lists the ${list.what}: 200, a JSON array`, list.source, async (t) => {
    const response = await getAs(t, 'admin', list.path);
    expectStatus(response, 200);
    spec.expectMatches(list.operationId, response);
    expect(Array.isArray(response.json())).toBe(true);
  });
}
