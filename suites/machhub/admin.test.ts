import { expect } from 'vitest';
import { expectStatus, expectText } from '../harness/expect-http.ts';
import { bearer } from '../harness/http.ts';
import { realClients } from '../harness/rule.ts';
import { getAs, http, rule, spec, startFromSeed, tokenOf, type Schemas } from './suite.ts';

startFromSeed();

const USERS = realClients('users (`GET/POST /machhub/auth/user`, `GET /machhub/auth/user/{id}`)');

rule('MH-ADMIN-001', 'A superuser lists the users', USERS, async (t) => {
  const response = await getAs(t, 'admin', '/machhub/auth/user');
  expectStatus(response, 200);
  spec.expectMatches('listUsers', response);
  expect(response.json<Schemas['User'][]>().map((user) => user.username)).toContain(t.account('operator').username);
});

rule(
  'MH-ADMIN-002',
  'A user granted users:read at scope self reads its own record but not the list or another user: 403',
  realClients('Scopes ordered `nil < self < domain < all`; a higher granted scope satisfies a lower asked one.'),
  async (t) => {
    const me = (await getAs(t, 'operator', '/machhub/auth/me')).json<Schemas['Me']>();
    const own = await getAs(t, 'operator', `/machhub/auth/user/${me.id}`);
    expectStatus(own, 200);
    spec.expectMatches('getUser', own);
    expectText(await getAs(t, 'operator', '/machhub/auth/user'), 403);
    const admin = (await getAs(t, 'admin', '/machhub/auth/me')).json<Schemas['Me']>();
    const other = await getAs(t, 'operator', `/machhub/auth/user/${admin.id}`);
    expectText(other, 403);
    spec.expectMatches('getUser', other);
  },
);

rule(
  'MH-ADMIN-003',
  'A user added to a group gains its grants',
  realClients('groups (`GET/POST /machhub/auth/group`, `POST /machhub/auth/group/{gid}/user/{uid}`)'),
  async (t) => {
    await t.requireMutation();
    const admin = bearer(await tokenOf(t, 'admin'));
    const username = `joiner-${Date.now()}`;
    const created = await http.post('/machhub/auth/user', { headers: admin, json: { username, password: 'joiner-pass-1' } });
    expectStatus(created, 201);
    spec.expectMatches('createUser', created);
    const user = created.json<Schemas['User']>();
    const login = async () => (await http.post('/auth/login', { json: { username, password: 'joiner-pass-1' } })).json<{ tkn: string }>().tkn;
    const ask = async () =>
      (await http.get('/auth/permission/action/feature/collections/scope/domain', { headers: bearer(await login()) })).json<{ actions: string[] }>().actions;
    expect(await ask()).toEqual([]);
    const groups = (await http.get('/machhub/auth/group', { headers: admin })).json<Schemas['Group'][]>();
    const operators = groups.find((group) => group.grants.some((grant) => grant.feature === 'collections'));
    if (!operators) return t.skip('needs-fixture', 'no group on the target grants collections');
    const joined = await http.post(`/machhub/auth/group/${operators.id}/user/${user.id}`, { headers: admin });
    expectStatus(joined, 200);
    spec.expectMatches('addUserToGroup', joined);
    expect(await ask()).toContain('read');
  },
);

rule('MH-ADMIN-004', 'Creating a user whose name is taken answers 409 and changes nothing', USERS, async (t) => {
  await t.requireMutation();
  const admin = bearer(await tokenOf(t, 'admin'));
  const operator = t.account('operator');
  const response = await http.post('/machhub/auth/user', { headers: admin, json: { username: operator.username, password: 'another-pass-1' } });
  expectText(response, 409);
  spec.expectMatches('createUser', response);
  expectStatus(await http.post('/auth/login', { json: { username: operator.username, password: operator.password } }), 200);
});

rule('MH-ADMIN-005', 'An operator cannot create users: 403', USERS, async (t) => {
  const response = await http.post('/machhub/auth/user', { headers: bearer(await tokenOf(t, 'operator')), json: { username: 'x', password: 'x-pass-1' } });
  expectText(response, 403);
});
