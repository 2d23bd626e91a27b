import { SEEDED_ACCOUNTS as SEEDED_ACCOUNTS_BY_API } from '../accounts.ts';
/** The VNTANA target, its seeded accounts and the helpers its rules share. */
import { beforeAll, expect } from 'vitest';
import type { components } from '../../specs/generated/vntana.d.ts';
import { conformanceSuite, type RuleContext } from '../harness/conformance.ts';
import { expectStatus } from '../harness/expect-http.ts';
import type { HttpResponse } from '../harness/http.ts';

export type Schemas = components['schemas'];
export type VntanaRole = 'owner' | 'member';

/** The seeded users of DESIGN.md; `VNTANA_<ROLE>_USERNAME/_PASSWORD` override them. */
export const SEEDED_ACCOUNTS = SEEDED_ACCOUNTS_BY_API.vntana;
/** The mock's default personal access tokens; `VNTANA_<ROLE>_PAT` names the target's. */
const SEEDED_PATS: Record<VntanaRole, string> = { owner: 'owner-pat-1', member: 'member-pat-1' };

export const vntana = conformanceSuite('vntana', 'VNTANA', SEEDED_ACCOUNTS);
export const { rule, spec, http } = vntana;

export function startFromSeed(): void {
  beforeAll(async () => {
    await (await vntana.findControlPlane())?.reset();
  });
}

/** `X-AUTH-TOKEN: Bearer <token>`, as every documented call sends it. */
export const auth = (token: string) => ({ 'x-auth-token': `Bearer ${token}` });

export function issuedToken(response: HttpResponse): string {
  const token = response.headers['x-auth-token'];
  if (!token) throw new Error(`${response.request}: expected an x-auth-token response header, got none`);
  return token;
}

export function loginRequest(email: string, password: string) {
  return http.post('/v1/auth/login', { json: { email, password } });
}

export async function loginToken(t: RuleContext, role: VntanaRole): Promise<string> {
  return issuedToken(await t.signIn(role, (account) => loginRequest(account.username, account.password)));
}

/** A role's personal access token: `VNTANA_<ROLE>_PAT`, or on the mock its seeded default. */
export async function personalAccessToken(t: RuleContext, role: VntanaRole): Promise<string> {
  const configured = process.env[`VNTANA_${role.toUpperCase()}_PAT`];
  if (configured) return configured;
  await t.controlPlane('knows the seeded personal access tokens only on the mock: set VNTANA_<ROLE>_PAT');
  return SEEDED_PATS[role];
}

export async function organizations(t: RuleContext, token: string): Promise<Schemas['GridItem'][]> {
  const response = await http.get('/v1/organizations', { headers: auth(token) });
  expectStatus(response, 200);
  spec.expectMatches('listOrganizations', response);
  return response.json<Schemas['OrganizationGrid']>().response.grid;
}

/** The first organization of the role, as a client does at step 2. */
export async function organizationUuidOf(t: RuleContext, role: VntanaRole): Promise<string> {
  const [first] = await organizations(t, await loginToken(t, role));
  if (!first) return t.skip('needs-fixture', `the ${role} account belongs to no organization`);
  return first.uuid;
}

export function refresh(token: string, headers: Record<string, string>, method: 'POST' | 'GET' = 'POST') {
  return http.send(method, '/v1/auth/refresh-token', { headers: { ...auth(token), ...headers } });
}

/** Steps 1 and 3: login, then the organization token. */
export async function organizationToken(t: RuleContext, role: VntanaRole): Promise<{ token: string; organizationUuid: string }> {
  const organizationUuid = await organizationUuidOf(t, role);
  const response = await refresh(await loginToken(t, role), { organizationUuid });
  expectStatus(response, 200);
  return { token: issuedToken(response), organizationUuid };
}

export async function workspaces(token: string): Promise<Schemas['GridItem'][]> {
  const response = await http.get('/v1/clients/client-organizations', { headers: auth(token) });
  expectStatus(response, 200);
  spec.expectMatches('listWorkspaces', response);
  return response.json<Schemas['OrganizationGrid']>().response.grid;
}

/** Steps 1 to 5 for the member: the workspace token of its first workspace. */
export async function workspaceToken(t: RuleContext): Promise<{ token: string; organizationUuid: string; clientUuid: string }> {
  const { token, organizationUuid } = await organizationToken(t, 'member');
  const [workspace] = await workspaces(token);
  if (!workspace) return t.skip('needs-fixture', 'the member account has no workspace');
  const response = await refresh(token, { organizationUuid, clientUuid: workspace.uuid });
  expectStatus(response, 200);
  return { token: issuedToken(response), organizationUuid, clientUuid: workspace.uuid };
}

export function searchProducts(token: string, clientUuid: string, organizationUuid: string) {
  return http.post(`/v1/products/clients/search?clientUuid=${encodeURIComponent(clientUuid)}`, {
    headers: auth(token),
    json: { organizationUuid, page: 1, size: 10 },
  });
}

/** The VNTANA error shape with exactly these codes. */
export function expectErrors(response: HttpResponse, status: number | number[], codes: string[]): void {
  expectStatus(response, ...(Array.isArray(status) ? status : [status]));
  expect(response.json()).toEqual({ success: false, errors: codes });
}
