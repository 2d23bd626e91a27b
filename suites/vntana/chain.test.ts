import { expect } from 'vitest';
import { expectStatus } from '../harness/expect-http.ts';
import { realClients, seed } from '../harness/rule.ts';
import {
  auth,
  expectErrors,
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

rule(
  'VN-CHAIN-001',
  'GET /v1/organizations with the login token lists the organizations with uuid, slug, name, role, imageBlobId and created',
  seed("Method: GET Endpoint: /v1/organizations Headers: { ‘x-auth-token’ : ‘Bearer ‘ + x_auth_token}"),
  async (t) => {
    const grid = await organizations(t, await loginToken(t, 'owner'));
    expect(grid.length).toBeGreaterThan(0);
    expect(grid[0]?.role).toBe('ORGANIZATION_OWNER');
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
    expect(response.json()).toEqual({ success: true, errors: [], response: { email: t.account('owner').username } });
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
  'The organization token lists the workspaces: a member sees only its own, with its workspace role',
  seed("Method: GET Endpoint: /v1/clients/client-organizations Headers: { ‘x-auth-token’ : ‘Bearer ‘ + refreshToken}"),
  async (t) => {
    const member = await workspaces((await organizationToken(t, 'member')).token);
    const owner = await workspaces((await organizationToken(t, 'owner')).token);
    expect(member.length).toBeGreaterThan(0);
    expect(owner.length).toBeGreaterThan(member.length);
    expect(member.every((workspace) => workspace.role.startsWith('CLIENT_ORGANIZATION_'))).toBe(true);
    expect(owner.map((workspace) => workspace.uuid)).toEqual(expect.arrayContaining(member.map((workspace) => workspace.uuid)));
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
    const response = await refresh(token, { clientUuid: workspace?.uuid ?? '' });
    expectStatus(response, 200);
    spec.expectMatches('refreshToken', response);
  },
);

rule(
  'VN-CHAIN-008',
  'The workspace token searches that workspace\'s products: {response: {totalCount, grid}}',
  realClients('`POST /v1/products/clients/search?clientUuid=` body `{organizationUuid, page (1-based), size, sorts, searchTerm?, status?}` -> `{response:{totalCount, grid}}`'),
  async (t) => {
    const { token, organizationUuid, clientUuid } = await workspaceToken(t);
    const body = (await searchProducts(token, clientUuid, organizationUuid)).json<Schemas['ProductGrid']>();
    expect(body.response.totalCount).toBeGreaterThan(0);
    expect(body.response.grid.every((product) => product.clientUuid === clientUuid)).toBe(true);
    const product = body.response.grid[0];
    const one = await http.get(`/v1/products/${product?.uuid}`, { headers: auth(token) });
    expectStatus(one, 200);
    spec.expectMatches('getProduct', one);
  },
);

rule(
  'VN-CHAIN-009',
  'An owner asking for a workspace token gets 403 BAD_CREDENTIALS',
  seed('If you have Organization Admin or Owner level access, this must be skipped.'),
  async (t) => {
    const { token, organizationUuid } = await organizationToken(t, 'owner');
    const [workspace] = await workspaces(token);
    const response = await refresh(token, { organizationUuid, clientUuid: workspace?.uuid ?? '' });
    expectErrors(response, 403, ['BAD_CREDENTIALS']);
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
  'organizations/current answers the organization of an organization token',
  realClients('Calls made right after auth: ... `GET /v1/organizations/current`'),
  async (t) => {
    const { token, organizationUuid } = await organizationToken(t, 'member');
    const response = await http.get('/v1/organizations/current', { headers: auth(token) });
    expectStatus(response, 200);
    spec.expectMatches('getCurrentOrganization', response);
    expect(response.json<Schemas['CurrentOrganization']>().response.uuid).toBe(organizationUuid);
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
  'An owner with an organization token creates a product in a workspace',
  realClients('`POST /v1/products` (create)'),
  async (t) => {
    await t.requireMutation();
    const { token } = await organizationToken(t, 'owner');
    const [workspace] = await workspaces(token);
    const response = await http.post('/v1/products', { headers: auth(token), json: { clientUuid: workspace?.uuid, name: 'Conformance sneaker' } });
    expectStatus(response, 200);
    spec.expectMatches('createProduct', response);
    expect(response.json<Schemas['ProductEnvelope']>().response.name).toBe('Conformance sneaker');
  },
);
