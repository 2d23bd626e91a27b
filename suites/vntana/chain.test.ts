import { expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { inferred, realClients, seed } from '../harness/rule.ts';
import {
  auth,
  expectEmailOf,
  expectErrors,
  expectNoToken,
  http,
  issuedToken,
  loginToken,
  organizationToken,
  organizationUuidOf,
  organizations,
  refresh,
  rule,
  searchProducts,
  spec,
  startFromSeed,
  workspaceToken,
  workspaces,
  type Schemas,
} from './suite.ts';

startFromSeed();

const MANAGING_ROLES = ['ORGANIZATION_OWNER', 'ORGANIZATION_ADMIN', 'SUPER_ADMIN'];

rule(
  'VN-CHAIN-001',
  'GET /v1/organizations with the login token lists the organizations with uuid, slug, name, role, imageBlobId and created',
  seed("Method: GET Endpoint: /v1/organizations Headers: { ‘x-auth-token’ : ‘Bearer ‘ + x_auth_token}"),
  async (t) => {
    const grid = await organizations(t, await loginToken(t, 'owner'));
    expect(grid.length).toBeGreaterThan(0);
    if (!grid.some((item) => MANAGING_ROLES.includes(item.role))) {
      t.skip('needs-fixture', `the owner account manages no organization (roles ${grid.map((item) => item.role).join(', ')}): VNTANA_OWNER_* must name an organization owner or admin`);
    }
  },
);

rule(
  'VN-CHAIN-002',
  'created is a local date-time without a time zone',
  realClients('grid items `{uuid, slug, name, role, imageBlobId, created}`, `created` without time zone'),
  async (t) => {
    for (const item of await organizations(t, await loginToken(t, 'member'))) {
      expect(item.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/);
    }
  },
);

rule(
  'VN-CHAIN-003',
  'POST /v1/auth/refresh-token with organizationUuid answers 200 with an organization token in x-auth-token',
  seed('The Refresh Token will be returned in the Response Headers as x-auth-token.'),
  async (t) => {
    const organizationUuid = await organizationUuidOf(t, 'owner');
    const response = await refresh(await loginToken(t, 'owner'), { organizationUuid });
    expectStatus(response, 200);
    spec.expectMatches('refreshToken', response);
    expectEmailOf(response, t.account('owner').username);
    expect(/\s/.test(issuedToken(response))).toBe(false);
  },
);

rule(
  'VN-CHAIN-004',
  'The same refresh sent as GET works too',
  realClients('One client sends the same call as **GET**.'),
  async (t) => {
    const organizationUuid = await organizationUuidOf(t, 'owner');
    const response = await refresh(await loginToken(t, 'owner'), { organizationUuid }, 'GET');
    expectStatus(response, 200);
    spec.expectMatches('refreshTokenByGet', response);
    expectStatus(await http.get('/v1/organizations/current', { headers: auth(issuedToken(response)) }), 200);
  },
);

rule(
  'VN-CHAIN-005',
  'The organization token lists the workspaces in the documented grid, for a member and for an owner',
  seed("Method: GET Endpoint: /v1/clients/client-organizations Headers: { ‘x-auth-token’ : ‘Bearer ‘ + refreshToken}"),
  async (t) => {
    // workspaces() holds each answer to 200 and the documented grid.
    await workspaces((await organizationToken(t, 'member')).token);
    await workspaces((await organizationToken(t, 'owner')).token);
  },
);

rule(
  'VN-CHAIN-015',
  'A member\'s workspaces carry its workspace role (CLIENT_ORGANIZATION_*), and the owner sees all of them',
  inferred('the clients name the workspace roles and the guide has owners skip the workspace token; that a member\'s list carries its workspace role and that an owner lists every workspace, no source states'),
  async (t) => {
    const held = await workspaces((await organizationToken(t, 'member')).token);
    const owner = await workspaces((await organizationToken(t, 'owner')).token);
    expect(held.every((workspace) => workspace.role.startsWith('CLIENT_ORGANIZATION_'))).toBe(true);
    expect(owner.map((workspace) => workspace.uuid)).toEqual(expect.arrayContaining(held.map((workspace) => workspace.uuid)));
  },
);

rule(
  'VN-CHAIN-017',
  'Every workspace listed to a member at step 4 can be traded for a workspace token at step 5',
  seed('4. Get Client / Folder UUID – step can be skipped if UUID is stored locally.'),
  async (t) => {
    // Step 4 is where the client gets the clientUuid that step 5 sends: a listed workspace the
    // member cannot open breaks the documented chain.
    const member = await organizationToken(t, 'member');
    const held = await workspaces(member.token);
    if (held.length === 0) return t.skip('needs-fixture', 'the member account has no workspace');
    for (const workspace of held) {
      const response = await refresh(member.token, { organizationUuid: member.organizationUuid, clientUuid: workspace.uuid });
      expect(response.status, `${response.request}: workspace ${workspace.uuid} was listed to the member`).toBe(200);
      issuedToken(response);
    }
  },
);

rule(
  'VN-CHAIN-006',
  'A member trades its organization token and both uuids for a workspace token',
  seed("Method: POST Endpoint: /v1/auth/refresh-token Headers: { ‘x-auth-token’ : ‘Bearer ‘ + refreshToken, ‘organizationUuid’ : ‘string’, ‘clientUuid’ : ‘string’ }"),
  async (t) => {
    const { token, organizationUuid, clientUuid } = await workspaceToken(t);
    const response = await searchProducts(token, clientUuid, organizationUuid);
    expectStatus(response, 200);
    spec.expectMatches('searchProducts', response);
  },
);

rule(
  'VN-CHAIN-007',
  'A workspace token is also given for clientUuid alone, without organizationUuid',
  realClients('For a workspace token one client sends **only** `clientUuid` (no `organizationUuid`).'),
  async (t) => {
    const { token } = await organizationToken(t, 'member');
    const [workspace] = await workspaces(token);
    if (!workspace) return t.skip('needs-fixture', 'the member account has no workspace');
    const response = await refresh(token, { clientUuid: workspace.uuid });
    expectStatus(response, 200);
    spec.expectMatches('refreshToken', response);
  },
);

rule(
  'VN-CHAIN-008',
  "The workspace token searches that workspace's products ({response: {totalCount, grid}}) and reads one of them",
  realClients('`POST /v1/products/clients/search?clientUuid=` body `{organizationUuid, page (1-based), size, sorts, searchTerm?, status?}` -> `{response:{totalCount, grid}}`, `POST /v1/products` (create), `GET /v1/products/{uuid}`'),
  async (t) => {
    const { token, organizationUuid, clientUuid } = await workspaceToken(t);
    const found = await searchProducts(token, clientUuid, organizationUuid);
    expectStatus(found, 200);
    spec.expectMatches('searchProducts', found);
    const [product] = found.json<Schemas['ProductGrid']>().response.grid;
    if (!product?.uuid) return t.skip('needs-fixture', "the member's workspace holds no product to read");
    const one = await http.get(`/v1/products/${encodeURIComponent(product.uuid)}`, { headers: auth(token) });
    expectStatus(one, 200);
    spec.expectMatches('getProduct', one);
  },
);

rule(
  'VN-CHAIN-009',
  'An owner asking for a workspace token gets 403 BAD_CREDENTIALS and no token',
  realClients('Organization owners/admins asking for a workspace token get 403 with `BAD_CREDENTIALS`.'),
  async (t) => {
    const { token, organizationUuid } = await organizationToken(t, 'owner');
    const [workspace] = await workspaces(token);
    if (!workspace) return t.skip('needs-fixture', "the owner's organization has no workspace");
    const response = await refresh(token, { organizationUuid, clientUuid: workspace.uuid });
    expectErrors(response, 403, ['BAD_CREDENTIALS']);
    expectNoToken(response);
    spec.expectMatches('refreshToken', response);
  },
);

rule(
  'VN-CHAIN-010',
  "An owner's organization token reaches every workspace's data directly",
  seed('If you have Organization Admin or Owner level access, this must be skipped.'),
  async (t) => {
    const { token, organizationUuid } = await organizationToken(t, 'owner');
    for (const workspace of await workspaces(token)) {
      expectStatus(await searchProducts(token, workspace.uuid, organizationUuid), 200);
    }
  },
);

rule(
  'VN-CHAIN-011',
  'Data responses carry no x-auth-token header, so clients do not swap their token',
  realClients('A client takes a new token from any response carrying `X-AUTH-TOKEN`: data responses must not send that header.'),
  async (t) => {
    const { token, organizationUuid, clientUuid } = await workspaceToken(t);
    const responses = [
      await http.get('/v1/organizations', { headers: auth(token) }),
      await http.get('/v1/organizations/current', { headers: auth(token) }),
      await http.get('/v1/pipelines', { headers: auth(token) }),
      await searchProducts(token, clientUuid, organizationUuid),
    ];
    for (const response of responses) {
      expectStatus(response, 200);
      expect(response.headers['x-auth-token']).toBeUndefined();
    }
  },
);

rule(
  'VN-CHAIN-012',
  'organizations/current answers 200 to an organization token',
  realClients('Calls made right after auth: ... `GET /v1/organizations/current`'),
  async (t) => {
    const { token } = await organizationToken(t, 'member');
    const response = await http.get('/v1/organizations/current', { headers: auth(token) });
    expectStatus(response, 200);
    spec.expectMatches('getCurrentOrganization', response);
  },
);

rule(
  'VN-CHAIN-016',
  "organizations/current answers the token's organization, its uuid in response.uuid",
  inferred('the clients call organizations/current right after auth but no source shows its body; a grid item of the token\'s organization is what the name says'),
  async (t) => {
    const { token, organizationUuid } = await organizationToken(t, 'member');
    const response = await http.get('/v1/organizations/current', { headers: auth(token) });
    expectStatus(response, 200);
    expect(response.json<Schemas['CurrentOrganization']>().response?.uuid).toBe(organizationUuid);
  },
);

rule(
  'VN-CHAIN-013',
  'pipelines answers {response: {pipelines: [{uuid, name}]}}',
  realClients('`GET /v1/pipelines` -> `{response:{pipelines:[{uuid,name}]}}`'),
  async (t) => {
    const response = await http.get('/v1/pipelines', { headers: auth((await organizationToken(t, 'owner')).token) });
    expectStatus(response, 200);
    spec.expectMatches('listPipelines', response);
  },
);

rule(
  'VN-CHAIN-014',
  'An owner with an organization token creates a product in a workspace (200 or 201)',
  realClients('`POST /v1/products` (create)'),
  async (t) => {
    await t.requireMutation();
    const { token } = await organizationToken(t, 'owner');
    const [workspace] = await workspaces(token);
    if (!workspace) return t.skip('needs-fixture', "the owner's organization has no workspace");
    // The guide names no call that deletes a product: what this creates stays, named with the run id.
    const name = t.nameFor('conformance-product');
    const response = await http.post('/v1/products', { headers: auth(token), json: { clientUuid: workspace.uuid, name } });
    expectStatus(response, 200, 201);
    spec.expectMatches('createProduct', response);
    const created = response.json<{ success?: unknown; response?: { name?: unknown } }>();
    expect(created.success).toBe(true);
    if (typeof created.response?.name === 'string') expect(created.response.name).toBe(name);
  },
);
