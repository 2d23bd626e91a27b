import { bodyless } from '../harness/http.ts';
import { expect } from 'vitest';
import { loadSpec } from '../../specs/apis.ts';
import type { RuleContext } from '../harness/conformance.ts';
import { expectStatus } from '../harness/expect-http.ts';
import { fact } from '../harness/fixtures.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import {
  auth,
  expectErrorShape,
  expectErrors,
  expectNoToken,
  expectOneOf,
  http,
  issuedToken,
  loginRequest,
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
const CODES = (code: string) => realClients(`Errors: \`{"success": false, "errors": ["CODE", ...]}\` with string codes, e.g. ... \`${code}\``);
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

rule('VN-SCOPE-001', 'A login token cannot list workspaces: 403 FORBIDDEN', OUT_OF_SCOPE, async (t) => {
  const response = await http.get('/v1/clients/client-organizations', { headers: auth(await loginToken(t, 'owner')) });
  expectErrors(response, 403, ['FORBIDDEN']);
  spec.expectMatches('listWorkspaces', response);
});

rule('VN-SCOPE-002', 'A login token cannot search workspace data: 403 FORBIDDEN', OUT_OF_SCOPE, async (t) => {
  const owner = await organizationToken(t, 'owner');
  const [workspace] = await workspaces(owner.token);
  if (!workspace) return t.skip('needs-fixture', 'the owner\'s organization has no workspace');
  expectErrors(await searchProducts(await loginToken(t, 'owner'), workspace.uuid, owner.organizationUuid), 403, ['FORBIDDEN']);
});

rule(
  'VN-SCOPE-003',
  "A member's organization token cannot search workspace data: 403 FORBIDDEN (that needs the workspace token)",
  seed('5. Generate Workspace specific Refresh Token.'),
  async (t) => {
    const { token, organizationUuid } = await organizationToken(t, 'member');
    const [workspace] = await workspaces(token);
    if (!workspace) return t.skip('needs-fixture', 'the member account has no workspace');
    const response = await searchProducts(token, workspace.uuid, organizationUuid);
    expectErrors(response, 403, ['FORBIDDEN']);
    spec.expectMatches('searchProducts', response);
  },
);

rule('VN-SCOPE-004', "A workspace token does not reach another workspace's data: 403 FORBIDDEN", OUT_OF_SCOPE, async (t) => {
  const { token, organizationUuid, clientUuid } = await workspaceToken(t);
  const all = await workspaces((await organizationToken(t, 'owner')).token);
  const other = all.find((workspace) => workspace.uuid !== clientUuid);
  if (!other) return t.skip('needs-fixture', 'the organization has only one workspace');
  expectErrors(await searchProducts(token, other.uuid, organizationUuid), 403, ['FORBIDDEN']);
});

rule(
  'VN-SCOPE-005',
  'A member asking for a workspace it holds no role in is refused (400, 403 or 404 in the error shape) and gets no token',
  realClients('Errors: `{"success": false, "errors": ["CODE", ...]}` with string codes, e.g. `FORBIDDEN`, ... `INVALID_CLIENT_UUID`'),
  async (t) => {
    const { token, organizationUuid } = await organizationToken(t, 'member');
    const mine = new Set((await workspaces(token)).map((workspace) => workspace.uuid));
    const other = (await workspaces((await organizationToken(t, 'owner')).token)).find((workspace) => !mine.has(workspace.uuid));
    if (!other) return t.skip('needs-fixture', 'the member holds a role in every workspace of its organization');
    const response = await refresh(token, { organizationUuid, clientUuid: other.uuid });
    expectStatus(response, 400, 403, 404);
    expectErrorShape(response);
    expectNoToken(response);
  },
);

rule(
  'VN-SCOPE-006',
  'A refresh for an unknown organization is refused (400, 403 or 404 in the error shape) and gets no token',
  inferred('no source says how an unknown organization is answered; it must not yield a token'),
  async (t) => {
    const response = await refresh(await loginToken(t, 'member'), { organizationUuid: UNKNOWN_UUID });
    expectStatus(response, 400, 403, 404);
    expectErrorShape(response);
    expectNoToken(response);
    spec.expectMatches('refreshToken', response);
  },
);

rule(
  'VN-SCOPE-007',
  'A refresh for an existing organization the caller does not belong to answers 403 FORBIDDEN (or 404 NOT_FOUND) and gets no token',
  inferred("knowing another organization's uuid must not yield a token for it; the clients' 403 FORBIDDEN is for out-of-scope tokens, a 404 hides that the organization exists"),
  async (t) => {
    const foreignOrganization = await foreignOrganizationUuid(t);
    const response = await refresh(await loginToken(t, 'owner'), { organizationUuid: foreignOrganization });
    expectOneOf(response, [{ status: 403, code: 'FORBIDDEN' }, { status: 404, code: 'NOT_FOUND' }]);
    expectNoToken(response);
  },
);

/**
 * An organization the owner account is not in: the fixture fact `foreignOrganizationUuid`, or on a
 * mock one the control plane makes for a user of its own; otherwise a skip.
 */
async function foreignOrganizationUuid(t: RuleContext): Promise<string> {
  const stated = fact(t.facts, 'foreignOrganizationUuid');
  if (typeof stated === 'string' && stated) return stated;
  const control = await t.findControlPlane();
  if (!control) {
    return t.skip('needs-fixture', 'needs an organization the owner does not belong to: state its uuid as the fixture fact vntana.foreignOrganizationUuid');
  }
  const name = t.nameFor('foreign');
  const foreign = await control.seedUser<{ organizationRoles: Record<string, string> }>({
    email: `${name}@vntana.test`,
    password: `${name}-pass`,
    organization: { name },
    organizationRole: 'ORGANIZATION_OWNER',
  });
  const [uuid] = Object.keys(foreign.organizationRoles);
  if (!uuid) throw new Error('the control plane seeded a user without an organization');
  return uuid;
}

rule(
  'VN-SCOPE-008',
  'A refresh for an unknown workspace is refused with INVALID_CLIENT_UUID (400, 403 or 404) or as out of scope (403 FORBIDDEN), and issues no token',
  realClients('codes such as `INVALID_CLIENT_UUID`; "Expired, missing or out-of-scope tokens: 403 `FORBIDDEN`"'),
  async (t) => {
    const { token, organizationUuid } = await organizationToken(t, 'member');
    const response = await refresh(token, { organizationUuid, clientUuid: UNKNOWN_UUID });
    expectOneOf(response, [
      { status: 400, code: 'INVALID_CLIENT_UUID' },
      { status: 403, code: 'INVALID_CLIENT_UUID' },
      { status: 404, code: 'INVALID_CLIENT_UUID' },
      { status: 403, code: 'FORBIDDEN' },
    ]);
    expectNoToken(response);
  },
);

rule(
  'VN-SCOPE-009',
  'A refresh with neither organizationUuid nor clientUuid answers 400, 403 or 422 with MISSING_ORGANIZATION_UUID',
  CODES('MISSING_ORGANIZATION_UUID'),
  async (t) => {
    const response = await refresh(await loginToken(t, 'member'), {});
    expectErrors(response, [400, 403, 422], ['MISSING_ORGANIZATION_UUID']);
    expectNoToken(response);
    spec.expectMatches('refreshToken', response);
  },
);

rule(
  'VN-SCOPE-010',
  'A product search without clientUuid answers 400, 403 or 422 with MISSING_CLIENT_UUID',
  CODES('MISSING_CLIENT_UUID'),
  async (t) => {
    const { token, organizationUuid } = await workspaceToken(t);
    const response = await http.post('/v1/products/clients/search', { headers: auth(token), json: { organizationUuid, page: 1, size: 10 } });
    expectErrors(response, [400, 403, 422], ['MISSING_CLIENT_UUID']);
  },
);

rule(
  'VN-SCOPE-011',
  'A workspace viewer cannot create products: 403 FORBIDDEN',
  inferred('the clients name a CLIENT_ORGANIZATION_VIEWER role; that a viewer may not write is read from its name, no source states it'),
  async (t) => {
    await t.requireMutation();
    const { token, clientUuid } = await workspaceToken(t);
    const role = (await workspaces(token)).find((workspace) => workspace.uuid === clientUuid)?.role;
    if (role !== 'CLIENT_ORGANIZATION_VIEWER') return t.skip('needs-fixture', `the member is ${role ?? 'no role'} there, not a viewer`);
    const response = await http.post('/v1/products', { headers: auth(token), json: { clientUuid, name: t.nameFor('viewer-product') } });
    expectErrors(response, 403, ['FORBIDDEN']);
    spec.expectMatches('createProduct', response);
  },
);

rule(
  'VN-SCOPE-012',
  "A product out of the token's reach answers 403 FORBIDDEN; an unknown one 404 NOT_FOUND or 403 FORBIDDEN",
  realClients('Expired, missing or out-of-scope tokens: 403 `FORBIDDEN`. ... string codes, e.g. `FORBIDDEN`, ... `NOT_FOUND`'),
  async (t) => {
    const { token, clientUuid } = await workspaceToken(t);
    const owner = await organizationToken(t, 'owner');
    const other = (await workspaces(owner.token)).find((workspace) => workspace.uuid !== clientUuid);
    if (!other) return t.skip('needs-fixture', 'the organization has only one workspace');
    const found = await searchProducts(owner.token, other.uuid, owner.organizationUuid);
    expectStatus(found, 200);
    const [foreign] = found.json<Schemas['ProductGrid']>().response.grid;
    if (!foreign?.uuid) return t.skip('needs-fixture', 'the other workspace holds no product');
    expectErrors(await http.get(`/v1/products/${encodeURIComponent(foreign.uuid)}`, { headers: auth(token) }), 403, ['FORBIDDEN']);
    const unknown = await http.get(`/v1/products/${UNKNOWN_UUID}`, { headers: auth(token) });
    expectOneOf(unknown, [{ status: 404, code: 'NOT_FOUND' }, { status: 403, code: 'FORBIDDEN' }]);
    spec.expectMatches('getProduct', unknown);
  },
);

/** The operations a vendor sentence or client fact names (`x-source`); the spec's own additions are left out. */
const documentedOperations = (() => {
  const document = loadSpec('vntana');
  const sourced = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const candidate = operation as { operationId?: string; 'x-source'?: unknown };
      if (candidate?.operationId && typeof candidate['x-source'] === 'string') sourced.add(candidate.operationId);
    }
  }
  return sourced;
})();

rule(
  'VN-SCOPE-013',
  'Every documented operation that needs a token answers 403 FORBIDDEN without one',
  OUT_OF_SCOPE,
  async () => {
    const secured = vntana.spec.operations().filter((operation) => operation.secured && documentedOperations.has(operation.operationId));
    expect(secured.length).toBeGreaterThan(8);
    for (const operation of secured) {
      const path = operation.path.replace(/\{[^}]+\}/g, UNKNOWN_UUID);
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
    expect(response.json<Schemas['CurrentOrganization']>().response?.uuid).toBe(organizationUuid);
  },
);

rule(
  'VN-SCOPE-015',
  'A workspace token opens only its own workspace, also for a member with roles in several: 403 FORBIDDEN elsewhere',
  OUT_OF_SCOPE,
  async (t) => {
    const owner = await organizationToken(t, 'owner');
    const member = await organizationToken(t, 'member');
    const held = await workspaces(member.token);
    let memberOrganizationToken = member.token;
    let organizationUuid = member.organizationUuid;
    let [first, second] = held;
    if (!first || !second) {
      // The member holds fewer than two workspaces: a mock seeds a user who holds two.
      const control = await t.findControlPlane();
      if (!control) return t.skip('needs-fixture', 'needs a member account with roles in two workspaces (the member account has fewer)');
      [first, second] = await workspaces(owner.token);
      if (!first || !second) return t.skip('needs-fixture', 'the organization has fewer than two workspaces');
      const name = t.nameFor('two-rooms');
      await control.seedUser({
        email: `${name}@vntana.test`,
        password: `${name}-pass`,
        organizationUuid: owner.organizationUuid,
        workspaceRoles: { [first.uuid]: 'CLIENT_ORGANIZATION_VIEWER', [second.uuid]: 'CLIENT_ORGANIZATION_CONTENT_MANAGER' },
      });
      const login = await loginRequest(`${name}@vntana.test`, `${name}-pass`);
      expectStatus(login, 200);
      const organization = await refresh(issuedToken(login), { organizationUuid: owner.organizationUuid });
      expectStatus(organization, 200);
      memberOrganizationToken = issuedToken(organization);
      organizationUuid = owner.organizationUuid;
    }
    const workspace = await refresh(memberOrganizationToken, { organizationUuid, clientUuid: first.uuid });
    expectStatus(workspace, 200);
    const token = issuedToken(workspace);
    expectStatus(await searchProducts(token, first.uuid, organizationUuid), 200);
    expectErrors(await searchProducts(token, second.uuid, organizationUuid), 403, ['FORBIDDEN']);
  },
);
