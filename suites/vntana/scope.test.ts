import { bodyless } from '../harness/http.ts';
import { expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import {
  auth,
  expectErrors,
  http,
  loginToken,
  organizationToken,
  refresh,
  rule,
  searchProducts,
  spec,
  startFromSeed,
  vntana,
  workspaceToken,
  workspaces,
  type Schemas,
} from './suite.ts';

startFromSeed();

const OUT_OF_SCOPE = realClients('Expired, missing or out-of-scope tokens: 403 `FORBIDDEN`.');

rule('VN-SCOPE-001', 'A login token cannot list workspaces: 403 FORBIDDEN', OUT_OF_SCOPE, async (t) => {
  const response = await http.get('/v1/clients/client-organizations', { headers: auth(await loginToken(t, 'owner')) });
  expectErrors(response, 403, ['FORBIDDEN']);
  spec.expectMatches('listWorkspaces', response);
});

rule('VN-SCOPE-002', 'A login token cannot search workspace data: 403 FORBIDDEN', OUT_OF_SCOPE, async (t) => {
  const owner = await organizationToken(t, 'owner');
  const [workspace] = await workspaces(owner.token);
  expectErrors(await searchProducts(await loginToken(t, 'owner'), workspace?.uuid ?? '', owner.organizationUuid), 403, ['FORBIDDEN']);
});

rule(
  'VN-SCOPE-003',
  "A member's organization token cannot search workspace data; that needs the workspace token",
  seed('5. Generate Workspace specific Refresh Token.'),
  async (t) => {
    const { token, organizationUuid } = await organizationToken(t, 'member');
    const [workspace] = await workspaces(token);
    const response = await searchProducts(token, workspace?.uuid ?? '', organizationUuid);
    expectErrors(response, 403, ['FORBIDDEN']);
    spec.expectMatches('searchProducts', response);
  },
);

rule('VN-SCOPE-004', "A workspace token does not reach another workspace's data", OUT_OF_SCOPE, async (t) => {
  const { token, organizationUuid, clientUuid } = await workspaceToken(t);
  const all = await workspaces((await organizationToken(t, 'owner')).token);
  const other = all.find((workspace) => workspace.uuid !== clientUuid);
  if (!other) return t.skip('needs-fixture', 'the organization has only one workspace');
  expectErrors(await searchProducts(token, other.uuid, organizationUuid), 403, ['FORBIDDEN']);
});

rule(
  'VN-SCOPE-005',
  'A member asking for a workspace it holds no role in gets 403 INVALID_CLIENT_UUID',
  realClients('string codes, e.g. ... `INVALID_CLIENT_UUID`'),
  async (t) => {
    const { token, organizationUuid } = await organizationToken(t, 'member');
    const mine = new Set((await workspaces(token)).map((workspace) => workspace.uuid));
    const other = (await workspaces((await organizationToken(t, 'owner')).token)).find((workspace) => !mine.has(workspace.uuid));
    if (!other) return t.skip('needs-fixture', 'the member holds a role in every workspace');
    expectErrors(await refresh(token, { organizationUuid, clientUuid: other.uuid }), 403, ['INVALID_CLIENT_UUID']);
  },
);

rule(
  'VN-SCOPE-006',
  'A refresh for an unknown organization answers 403 FORBIDDEN',
  inferred('an organization the caller does not belong to is out of its scope; 403 FORBIDDEN is the code for out-of-scope'),
  async (t) => {
    const response = await refresh(await loginToken(t, 'member'), { organizationUuid: '00000000-0000-4000-8000-000000000000' });
    expectErrors(response, 403, ['FORBIDDEN']);
    spec.expectMatches('refreshToken', response);
  },
);

rule(
  'VN-SCOPE-007',
  'A refresh for an existing organization the caller does not belong to answers 403 FORBIDDEN',
  inferred('knowing another organization\'s uuid must not yield a token for it'),
  async (t) => {
    const control = await t.controlPlane('seeds a user of another organization');
    // A second user in the same organization tells us nothing; ask the mock for a foreign one.
    const foreign = await control.seedUser<{ organizationRoles: Record<string, string> }>({
      email: `foreign-${Date.now()}@vntana.test`,
      password: 'foreign-pass-1',
      organizationUuid: 'a0000000-0000-4000-8000-00000000000b',
      organizationRole: 'ORGANIZATION_OWNER',
    });
    const [foreignOrganization] = Object.keys(foreign.organizationRoles);
    expectErrors(await refresh(await loginToken(t, 'owner'), { organizationUuid: foreignOrganization ?? '' }), 403, ['FORBIDDEN']);
  },
);

rule(
  'VN-SCOPE-008',
  'A refresh for an unknown workspace answers 403 INVALID_CLIENT_UUID',
  realClients('string codes, e.g. ... `INVALID_CLIENT_UUID`'),
  async (t) => {
    const { token, organizationUuid } = await organizationToken(t, 'member');
    expectErrors(await refresh(token, { organizationUuid, clientUuid: '00000000-0000-4000-8000-000000000000' }), 403, ['INVALID_CLIENT_UUID']);
  },
);

rule(
  'VN-SCOPE-009',
  'A refresh with neither organizationUuid nor clientUuid answers 400 MISSING_ORGANIZATION_UUID',
  realClients('string codes, e.g. ... `MISSING_ORGANIZATION_UUID`'),
  async (t) => {
    const response = await refresh(await loginToken(t, 'member'), {});
    expectErrors(response, 400, ['MISSING_ORGANIZATION_UUID']);
    spec.expectMatches('refreshToken', response);
  },
);

rule(
  'VN-SCOPE-010',
  'A product search without clientUuid answers 400 MISSING_CLIENT_UUID',
  realClients('string codes, e.g. ... `MISSING_CLIENT_UUID`'),
  async (t) => {
    const { token, organizationUuid } = await workspaceToken(t);
    const response = await http.post('/v1/products/clients/search', { headers: auth(token), json: { organizationUuid, page: 1, size: 10 } });
    expectErrors(response, 400, ['MISSING_CLIENT_UUID']);
  },
);

rule(
  'VN-SCOPE-011',
  'A workspace viewer cannot create products: 403 FORBIDDEN',
  realClients('Roles: ... workspace roles CLIENT_ORGANIZATION_ADMIN, _CONTENT_MANAGER, _VIEWER'),
  async (t) => {
    const { token, clientUuid } = await workspaceToken(t);
    const role = (await workspaces(token)).find((workspace) => workspace.uuid === clientUuid)?.role;
    if (role !== 'CLIENT_ORGANIZATION_VIEWER') return t.skip('needs-fixture', `the member is ${role ?? 'no role'} there, not a viewer`);
    const response = await http.post('/v1/products', { headers: auth(token), json: { clientUuid, name: 'Not allowed' } });
    expectErrors(response, 403, ['FORBIDDEN']);
    spec.expectMatches('createProduct', response);
  },
);

rule(
  'VN-SCOPE-012',
  'A product out of the token\'s reach answers 403; an unknown one 404 NOT_FOUND',
  realClients('string codes, e.g. `FORBIDDEN`, ... `NOT_FOUND`'),
  async (t) => {
    const { token, clientUuid } = await workspaceToken(t);
    const owner = await organizationToken(t, 'owner');
    const other = (await workspaces(owner.token)).find((workspace) => workspace.uuid !== clientUuid);
    if (!other) return t.skip('needs-fixture', 'the organization has only one workspace');
    const found = await searchProducts(owner.token, other.uuid, owner.organizationUuid);
    const [foreign] = found.json<Schemas['ProductGrid']>().response.grid;
    if (!foreign) return t.skip('needs-fixture', 'the other workspace holds no product');
    expectErrors(await http.get(`/v1/products/${foreign.uuid}`, { headers: auth(token) }), 403, ['FORBIDDEN']);
    const unknown = await http.get('/v1/products/00000000-0000-4000-8000-000000000000', { headers: auth(token) });
    expectErrors(unknown, 404, ['NOT_FOUND']);
    spec.expectMatches('getProduct', unknown);
  },
);

rule(
  'VN-SCOPE-013',
  'Every operation that needs a token answers 403 FORBIDDEN without one',
  OUT_OF_SCOPE,
  async () => {
    const secured = vntana.spec.operations().filter((operation) => operation.secured);
    expect(secured.length).toBeGreaterThan(8);
    for (const operation of secured) {
      const path = operation.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const response = await http.send(operation.method.toUpperCase(), path, bodyless(operation.method) ? {} : { json: {} });
      expectErrors(response, 403, ['FORBIDDEN']);
      spec.expectMatches(operation.operationId, response);
    }
  },
);

rule(
  'VN-SCOPE-014',
  'A workspace token answers organizations/current with its organization',
  inferred('a workspace lives in one organization; the workspace token is also a token of that organization'),
  async (t) => {
    const { token, organizationUuid } = await workspaceToken(t);
    const response = await http.get('/v1/organizations/current', { headers: auth(token) });
    expectStatus(response, 200);
    expect(response.json<Schemas['CurrentOrganization']>().response.uuid).toBe(organizationUuid);
  },
);

rule(
  'VN-SCOPE-015',
  'A workspace token opens only its own workspace, also for a member with roles in several',
  seed('5. Generate Workspace specific Refresh Token.'),
  async (t) => {
    const control = await t.controlPlane('seeds a user of another organization');
    const owner = await organizationToken(t, 'owner');
    const [first, second] = await workspaces(owner.token);
    if (!first || !second) return t.skip('needs-fixture', 'the organization has fewer than two workspaces');
    const email = `two-rooms-${Date.now()}@vntana.test`;
    await control.seedUser({
      email,
      password: 'two-rooms-pass-1',
      workspaceRoles: { [first.uuid]: 'CLIENT_ORGANIZATION_VIEWER', [second.uuid]: 'CLIENT_ORGANIZATION_CONTENT_MANAGER' },
    });
    const login = await http.post('/v1/auth/login', { json: { email, password: 'two-rooms-pass-1' } });
    expectStatus(login, 200);
    const organization = await refresh(login.headers['x-auth-token'] ?? '', { organizationUuid: owner.organizationUuid });
    const workspace = await refresh(organization.headers['x-auth-token'] ?? '', { organizationUuid: owner.organizationUuid, clientUuid: first.uuid });
    expectStatus(workspace, 200);
    const token = workspace.headers['x-auth-token'] ?? '';
    expectStatus(await searchProducts(token, first.uuid, owner.organizationUuid), 200);
    expectErrors(await searchProducts(token, second.uuid, owner.organizationUuid), 403, ['FORBIDDEN']);
  },
);
