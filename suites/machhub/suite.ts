import { SEEDED_ACCOUNTS as SEEDED_ACCOUNTS_BY_API } from '../accounts.ts';
/** The MACHHUB target, its seeded accounts and the helpers its rules share. */
import { randomBytes } from 'node:crypto';
import { SignJWT, importJWK, type JWK } from 'jose';
import { beforeAll, expect } from 'vitest';
import type { components } from '../../specs/generated/machhub.d.ts';
import { conformanceSuite, type RuleContext } from '../harness/conformance.ts';
import { expectHeader, expectStatus } from '../harness/expect-http.ts';
import { fact } from '../harness/fixtures.ts';
import { bearer, type HttpResponse, type SendOptions } from '../harness/http.ts';
import { decodeJwt, decodeProtectedHeader } from '../harness/jwt.ts';
import { registerSecret } from '../harness/redact.ts';

export type Schemas = components['schemas'];
export type MachhubRole = 'admin' | 'operator' | 'nogrants';

/** The seeded users (README); `MACHHUB_<ROLE>_USERNAME/_PASSWORD` override them. */
export const SEEDED_ACCOUNTS = SEEDED_ACCOUNTS_BY_API.machhub;

export const machhub = conformanceSuite('machhub', SEEDED_ACCOUNTS);
export const { rule, spec, http } = machhub;

export const LOGIN_PATHS = ['/auth/login', '/machhub/auth/login'] as const;
export const SCOPES = ['nil', 'self', 'domain', 'all'] as const;
export const FEATURES = ['applications', 'users', 'groups', 'api_keys', 'collections', 'flows', 'dashboard'] as const;

/** No document fixes the status of a refused credential: 401 or 403 (the cross battery accepts the same). */
export const REFUSED = [401, 403] as const;

export function startFromSeed(): void {
  beforeAll(async () => {
    await (await machhub.findControlPlane())?.reset();
  });
}

export function loginJson(username: string, password: string, path: string = LOGIN_PATHS[0]) {
  return http.post(path, { json: { username, password } });
}

/** A name for something a rule creates: the run id plus a random tail, so a repeated run id never collides. */
export function uniqueName(t: RuleContext, prefix: string): string {
  return `${t.nameFor(prefix)}-${randomBytes(3).toString('hex')}`;
}

const strongPassword = () => `Fx-${randomBytes(9).toString('base64url')}`;

/** `id` of an answer when it has one (no document names the member). */
const idOf = (response: HttpResponse): string | undefined => {
  try {
    const id = (response.json<{ id?: unknown }>() ?? {}).id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
};

const is2xx = (response: HttpResponse) => response.status >= 200 && response.status < 300;

function fixtureStep(t: RuleContext, what: string, response: HttpResponse): void {
  if (!is2xx(response)) t.skip('needs-fixture', `could not ${what} through the API as the admin (${response.request}: ${response.status}); the rule needs it as a fixture`);
}

export interface FixtureUser {
  username: string;
  password: string;
  userId: string;
  token: string;
}

/** Creates, as the admin (superuser), a user in no group; signs it in. Needs mutation. */
export async function createPlainUser(t: RuleContext, label: string): Promise<FixtureUser> {
  await t.requireMutation();
  const admin = bearer(await tokenOf(t, 'admin'));
  const account = { username: uniqueName(t, label), password: strongPassword() };
  registerSecret(account.password);
  const created = await http.post('/machhub/auth/user', { headers: admin, json: account });
  fixtureStep(t, 'create a user', created);
  const login = await loginJson(account.username, account.password);
  fixtureStep(t, 'sign the new user in', login);
  const token = login.json<{ tkn: string }>().tkn;
  const userId = String(decodeJwt(token).user_id ?? idOf(created) ?? '');
  return { ...account, userId, token };
}

/** Creates, as the admin, a group holding exactly `grants`; answers its id (or its name when the answer names no id). */
export async function createGroupWith(t: RuleContext, label: string, grants: { feature: string; action: string; scope: string }[]): Promise<string> {
  await t.requireMutation();
  const admin = bearer(await tokenOf(t, 'admin'));
  const name = uniqueName(t, label);
  const group = await http.post('/machhub/auth/group', { headers: admin, json: { name } });
  fixtureStep(t, 'create a group', group);
  const groupId = idOf(group) ?? name;
  for (const grant of grants) {
    fixtureStep(t, `grant ${grant.feature}:${grant.action}@${grant.scope} to the group`, await http.post('/machhub/auth/permission', { headers: admin, json: { group: groupId, ...grant } }));
  }
  return groupId;
}

/** Adds a user to a group with the SDK's call, then signs the user in again so the token carries the group. */
export async function joinGroup(t: RuleContext, user: FixtureUser, groupId: string, step = true): Promise<HttpResponse> {
  const admin = bearer(await tokenOf(t, 'admin'));
  const joined = await http.post(`/machhub/auth/group/${encodeURIComponent(groupId)}/user/${encodeURIComponent(user.userId)}`, { headers: admin });
  if (step) fixtureStep(t, 'add the user to the group', joined);
  const login = await loginJson(user.username, user.password);
  fixtureStep(t, 'sign the user in again', login);
  user.token = login.json<{ tkn: string }>().tkn;
  return joined;
}

/** A user whose only group holds exactly `grants`, arranged through the API (the operator's own grants are never assumed). */
export async function userWithGrants(t: RuleContext, label: string, grants: { feature: string; action: string; scope: string }[]): Promise<FixtureUser> {
  const groupId = await createGroupWith(t, `${label}-g`, grants);
  const user = await createPlainUser(t, `${label}-u`);
  await joinGroup(t, user, groupId);
  return user;
}

let createdNoGrants: Promise<{ username: string; password: string }> | undefined;
let seededNoGrantUsers = 0;

/**
 * A user in no group: MACHHUB_NOGRANTS_USERNAME/_PASSWORD; else seeded through the mock's control
 * plane; else created once per run through the admin API (needs mutation).
 */
async function noGrantsAccount(t: RuleContext): Promise<{ username: string; password: string }> {
  const configured = machhub.target.account('nogrants');
  if (configured?.configured) return configured;
  const control = await t.findControlPlane();
  if (control) {
    const account = { username: `nogrants-${process.pid}-${++seededNoGrantUsers}`, password: 'nogrants-pass-1' };
    await control.seedUser({ ...account, groups: [] });
    return account;
  }
  if (!t.target.mutationAllowed) {
    t.skip('needs-account', 'needs a user in no group: set MACHHUB_NOGRANTS_USERNAME and _PASSWORD, or CONFORMANCE_ALLOW_MUTATION=1 to create one through the admin API');
  }
  createdNoGrants ??= createPlainUser(t, 'nogrants').then(({ username, password }) => ({ username, password }));
  return createdNoGrants;
}

/** A token of the role: the JWT from `tkn`. */
export async function tokenOf(t: RuleContext, role: MachhubRole): Promise<string> {
  if (role === 'nogrants') {
    const account = await noGrantsAccount(t);
    const response = await loginJson(account.username, account.password);
    expectStatus(response, 200);
    return response.json<{ tkn: string }>().tkn;
  }
  const response = await t.signIn(role, (account) => loginJson(account.username, account.password));
  return response.json<{ tkn: string }>().tkn;
}

export async function getAs(t: RuleContext, role: MachhubRole, path: string, options: SendOptions = {}): Promise<HttpResponse> {
  return http.get(path, { ...options, headers: { ...options.headers, ...bearer(await tokenOf(t, role)) } });
}

/** The actions a token is granted for a feature within a scope (200 and `{actions}` asserted). */
export async function actionsWith(token: string, feature: string, scope: string, prefix = '/auth'): Promise<string[]> {
  const response = await http.get(`${prefix}/permission/action/feature/${feature}/scope/${scope}`, { headers: bearer(token) });
  expectStatus(response, 200);
  spec.expectMatches(prefix === '/auth' ? 'getPermittedActions' : 'getPermittedActionsDataPlane', response);
  const { actions } = response.json<{ actions: string[] }>();
  expect(Array.isArray(actions)).toBe(true);
  return actions;
}

export async function actionsOf(t: RuleContext, role: MachhubRole, feature: string, scope: string, prefix = '/auth'): Promise<string[]> {
  return actionsWith(await tokenOf(t, role), feature, scope, prefix);
}

/**
 * Confirms through the permission endpoint that the token has no access to any built-in feature at
 * any scope ("an empty array [] means no access"); skips needs-fixture when it holds something.
 */
export async function expectNoAccessAnywhere(t: RuleContext, token: string): Promise<void> {
  for (const feature of FEATURES) {
    for (const scope of SCOPES) {
      const actions = await actionsWith(token, feature, scope);
      if (actions.length > 0) t.skip('needs-fixture', `the user in no group holds ${feature}@${scope}: ${actions.join(', ')}; the rule needs a user without any grant`);
    }
  }
}

/** A fresh API key made by the admin, deleted after the rule where the answer names its id. */
export async function generateKey(t: RuleContext, body: Schemas['ApiKeyCreate']): Promise<Schemas['ApiKeyCreated']> {
  await t.requireMutation();
  const headers = bearer(await tokenOf(t, 'admin'));
  const response = await http.post('/api/api-key/generate', { headers, json: body });
  expectStatus(response, 200, 201);
  spec.expectMatches('generateApiKey', response);
  const created = response.json<Schemas['ApiKeyCreated']>();
  expect(typeof created.token).toBe('string');
  registerSecret(created.token);
  const id = idOf(response);
  if (id) t.created(`API key ${id}`, () => deleteKey(headers, id).catch(() => undefined));
  return created;
}

/** Deletes a key as the SDK may: the id in the query and in a JSON body. */
export function deleteKey(headers: Record<string, string>, id: string): Promise<HttpResponse> {
  return http.delete(`/api/api-key/delete?id=${encodeURIComponent(id)}`, { headers, json: { id } });
}

export const apiKeyHeader = (key: string) => ({ 'x-machhub-api-key': key });

/** "lifetime 24 h by default": the fixture fact `tokenLifetimeSeconds` states another configured lifetime. */
export function tokenLifetime(t: RuleContext): number {
  const configured = Number(fact(t.facts, 'tokenLifetimeSeconds'));
  return Number.isFinite(configured) && configured > 0 ? configured : 86_400;
}

/**
 * A token of the role as it is `age` seconds after it was issued: the mock's clock moved forward, or
 * (no control plane) the claims moved back and re-signed with the operator's Ed25519 key in
 * MACHHUB_SIGNING_JWK. Without either the rule is skipped.
 */
export async function agedToken(t: RuleContext, role: MachhubRole, age: number): Promise<string> {
  const control = await t.findControlPlane();
  const token = await tokenOf(t, role);
  if (control) {
    await control.advanceClock(age);
    return token;
  }
  const jwkText = process.env.MACHHUB_SIGNING_JWK;
  if (!jwkText) {
    return t.skip('needs-secret', 'ages a token: set MACHHUB_SIGNING_JWK to the Ed25519 private key (JWK) the server signs with, or run against a mock with a control plane');
  }
  const jwk = JSON.parse(jwkText) as JWK;
  if (typeof jwk.d === 'string') registerSecret(jwk.d);
  const header = decodeProtectedHeader(token);
  const claims = decodeJwt(token);
  const shift = (value: number | undefined) => (typeof value === 'number' ? value - age : value);
  const aged = { ...claims, iat: shift(claims.iat), exp: shift(claims.exp), ...(claims.nbf !== undefined ? { nbf: shift(claims.nbf) } : {}) };
  return new SignJWT(aged).setProtectedHeader({ ...header, alg: 'EdDSA' }).sign(await importJWK(jwk, 'EdDSA'));
}

/** A refused credential or permission: 401 or 403, in plain text ("Errors are plain text"). */
export function expectRefused(response: HttpResponse, ...statuses: number[]): void {
  expectStatus(response, ...(statuses.length > 0 ? statuses : REFUSED));
  expectHeader(response, 'content-type', /^text\/plain\b/);
}
