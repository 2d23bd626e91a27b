import { SEEDED_ACCOUNTS as SEEDED_ACCOUNTS_BY_API } from '../accounts.ts';
/** The VNTANA target, its seeded accounts and the helpers its rules share. */
import { beforeAll, expect } from 'vitest';
import type { components } from '../../specs/generated/vntana.d.ts';
import { conformanceSuite, type RuleContext } from '../harness/conformance.ts';
import { expectStatus } from '../harness/expect-http.ts';
import type { HttpResponse } from '../harness/http.ts';
import { registerSecret } from '../harness/redact.ts';

export type Schemas = components['schemas'];
export type VntanaRole = 'owner' | 'member';

/** The seeded users (README); `VNTANA_<ROLE>_USERNAME/_PASSWORD` override them. */
export const SEEDED_ACCOUNTS = SEEDED_ACCOUNTS_BY_API.vntana;
export const vntana = conformanceSuite('vntana', SEEDED_ACCOUNTS);
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

/**
 * A personal access token that logs in: the role's `VNTANA_<ROLE>_PAT`, or on a mock the key of a
 * user the rule seeds through the control plane (named with the run id); otherwise a skip.
 */
export async function personalAccessToken(t: RuleContext, role: VntanaRole): Promise<string> {
  const configured = process.env[`VNTANA_${role.toUpperCase()}_PAT`];
  if (configured) {
    registerSecret(configured);
    return configured;
  }
  const control = await t.findControlPlane();
  if (!control) return t.skip('needs-account', `needs a personal access token (Authentication Key) of the ${role}: set VNTANA_${role.toUpperCase()}_PAT`);
  const name = t.nameFor(`pat-${role}`);
  const seeded = await control.seedUser<{ personalAccessToken: string }>({ email: `${name}@vntana.test`, password: `${name}-pass`, personalAccessToken: name });
  return seeded.personalAccessToken;
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

/**
 * The documented members of a VNTANA error ("Errors: `{"success": false, "errors": ["CODE", ...]}`
 * with string codes"): success false and a non-empty list of string codes. Other members (such as
 * `"response": null`) may ride along.
 */
export function expectErrorShape(response: HttpResponse): string[] {
  const body = response.json<{ success?: unknown; errors?: unknown }>();
  expect(body.success, `${response.request}: success`).toBe(false);
  expect(Array.isArray(body.errors), `${response.request}: errors is a list`).toBe(true);
  const errors = body.errors as unknown[];
  expect(errors.length, `${response.request}: errors names a code`).toBeGreaterThan(0);
  expect(errors.every((code) => typeof code === 'string'), `${response.request}: every error is a string code`).toBe(true);
  return errors as string[];
}

/** A status among `status`, the documented error members, and every code of `codes` among the errors. */
export function expectErrors(response: HttpResponse, status: number | number[], codes: string[]): void {
  expectStatus(response, ...(Array.isArray(status) ? status : [status]));
  const errors = expectErrorShape(response);
  for (const code of codes) expect(errors, `${response.request}: errors`).toContain(code);
}

/** One of several documented answers: a status and, where given, a code among the errors. */
export function expectOneOf(response: HttpResponse, answers: Array<{ status: number; code?: string }>): void {
  expectStatus(response, ...new Set(answers.map((answer) => answer.status)));
  const errors = expectErrorShape(response);
  const fitting = answers.filter((answer) => answer.status === response.status);
  const described = fitting.map((answer) => (answer.code ? `${answer.status} ${answer.code}` : `${answer.status}`)).join(' or ');
  expect(
    fitting.some((answer) => !answer.code || errors.includes(answer.code)),
    `${response.request}: expected ${described}, got ${response.status} ${JSON.stringify(errors)}`,
  ).toBe(true);
}

/** A refusal issues no token. */
export function expectNoToken(response: HttpResponse): void {
  expect(response.headers['x-auth-token'], `${response.request}: a refused call must not issue a token`).toBeUndefined();
}

/** The e-mail a login or refresh answers with is the account's (e-mail addresses compare without case). */
export function expectEmailOf(response: HttpResponse, email: string): void {
  expect(response.json()).toMatchObject({ success: true, errors: [] });
  const answered = response.json<{ response?: { email?: unknown } }>().response?.email;
  expect(typeof answered === 'string' ? answered.toLowerCase() : answered).toBe(email.toLowerCase());
}

/** Whether a token is a JWT (three dot-separated parts): the VNTANA documents never say tokens are. */
export const isJwt = (token: string) => token.split('.').length === 3;
